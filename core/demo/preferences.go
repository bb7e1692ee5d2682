package demo

import "github.com/seimbang/seimbang/core"

// preferenceStory is a group of employees who told HR the same thing.
type preferenceStory struct {
	from        []string // position codes the employees hold
	count       int
	units       []string // ranked preferred unit codes
	willingness core.Willingness
	health      bool
	family      bool
	domicile    bool
	reasons     []string
}

var preferenceStories = []preferenceStory{
	{from: []string{"SDN-1-SKM.GURU-KELAS", "SDN-3-SKM.GURU-KELAS"}, count: 6,
		units: []string{"SDN-2-SKM", "SDN-4-SKM", "SDN-1-MHL"}, willingness: core.WillingConditional, family: true,
		reasons: []string{
			"Suami bekerja di Sukamaju dan anak kami masih balita.",
			"Merawat orang tua yang sudah lanjut usia di Sukamaju.",
			"Bersedia pindah asal masih di dalam kota Sukamaju karena anak bersekolah di sini.",
		}},
	{from: []string{"SDN-1-SKM.GURU-KELAS", "SDN-3-SKM.GURU-KELAS"}, count: 3,
		units: []string{"SDN-1-RHU", "SDN-2-RHU", "SDN-LBT"}, willingness: core.WillingYes,
		reasons: []string{
			"Bersedia mengajar di sekolah terpencil; keluarga saya berasal dari Riam Hulu.",
			"Ingin mengabdi di daerah yang kekurangan guru.",
		}},
	{from: []string{"PKM-SKM.PERAWAT"}, count: 3,
		units: []string{"PKM-RHU", "PKM-LBT"}, willingness: core.WillingYes, domicile: true,
		reasons: []string{
			"Kampung halaman saya di Riam Hulu; bersedia bertugas di puskesmas terpencil.",
			"Bersedia ditempatkan di Riam Hulu bila tersedia rumah dinas.",
		}},
	{from: []string{"PKM-SKM.PERAWAT"}, count: 3,
		units: []string{"PKM-SKB", "RSUD"}, willingness: core.WillingConditional, health: true,
		reasons: []string{
			"Sedang menjalani pengobatan rutin di RSUD Sukamaju.",
			"Memiliki anak berkebutuhan khusus yang menjalani terapi di Sukamaju.",
		}},
	{from: []string{"SETDA.PENGADM"}, count: 5,
		units: []string{"KEC-SKM", "BKPSDM", "BPKAD"}, willingness: core.WillingConditional,
		reasons: []string{
			"Bersedia dipindahkan asal tetap di wilayah kota Sukamaju.",
			"Ingin menambah pengalaman di bidang kepegawaian atau keuangan.",
		}},
	{from: []string{"SETDA.PENGADM"}, count: 2,
		units: []string{"KEC-BTA", "KEC-SKL"}, willingness: core.WillingYes, domicile: true,
		reasons: []string{
			"Berdomisili di Batu Ampar; ingin bertugas dekat rumah.",
		}},
	{from: []string{"SDN-LBT.GURU-KELAS", "SMPN-1-RHU.GURU-BIN", "PKM-RHU.BIDAN"}, count: 4,
		units: []string{"SDN-2-SKM", "SMPN-2-SKM", "PKM-SKB"}, willingness: core.WillingConditional, family: true,
		reasons: []string{
			"Anak akan melanjutkan sekolah ke SMA di Sukamaju.",
			"Orang tua sakit dan perlu dirawat di Sukamaju.",
			"Sudah bertugas lama di daerah terpencil dan ingin dekat dengan keluarga.",
		}},
	{from: []string{"DISTAN.PENYULUH", "DPUPR.TEKNIK-JJ", "RSUD.PERAWAT", "BAPPEDA.PERENCANA"}, count: 4,
		willingness: core.WillingNo,
		reasons: []string{
			"Baru menempati jabatan ini dan sedang menyelesaikan program kerja.",
			"Sedang menempuh pendidikan lanjutan di Sukamaju.",
		}},
}

// preferences picks the employees of each story who stated a preference.
func (g *generator) preferences(ds Dataset) []Preference {
	var out []Preference
	taken := map[int]bool{}
	for _, s := range preferenceStories {
		for range s.count {
			var free []int
			for _, code := range s.from {
				for _, i := range g.staff[code] {
					if !taken[i] {
						free = append(free, i)
					}
				}
			}
			if len(free) == 0 {
				break
			}
			i := pick(g, free)
			taken[i] = true
			out = append(out, Preference{
				NIP:       ds.Employees[i].NIP,
				UnitCodes: append([]string(nil), s.units...),
				Preference: core.Preference{
					Willingness: s.willingness,
					Health:      s.health,
					Family:      s.family,
					Domicile:    s.domicile,
					Reason:      pick(g, s.reasons),
				},
			})
		}
	}
	return out
}
