package demo

import "github.com/seimbang/seimbang/core"

// district is a kecamatan of Sukamaju: where its units stand.
type district struct {
	code, name string
	zone       core.TimeZone
	lat, lng   float64
	remote     bool
}

var districts = []district{
	{"SKM", "Sukamaju Kota", core.WITA, -2.6210, 115.2480, false},
	{"MHL", "Muara Hilir", core.WITA, -2.7830, 115.4120, false},
	{"RHU", "Riam Hulu", core.WITA, -2.3020, 115.5630, true},
	{"BTA", "Batu Ampar", core.WIB, -2.5140, 114.8260, false},
	{"SKL", "Sungai Kelam", core.WIB, -2.7350, 114.6930, false},
}

func districtByCode(code string) district {
	for _, d := range districts {
		if d.code == code {
			return d
		}
	}
	panic("demo: unknown district " + code)
}

// unitSpec describes one unit and its positions.
type unitSpec struct {
	code, name string
	kind       core.UnitKind
	parent     string
	district   string
	// size scales the workload of the unit's non-structural positions.
	size      float64
	positions []posSpec
}

// posSpec is one position of a unit.
type posSpec struct {
	suffix, name string
	family       string
	// required is the staff the workload needs before the unit's size.
	required float64
	// offers overrides the family's education of holders.
	offers []offer
}

// offer is an education that holders of a position have, with a weight.
type offer struct {
	level  core.EducationLevel
	field  string
	weight int
}

// units lists Sukamaju's 40 work units, parents first.
var units = []unitSpec{
	{"SETDA", "Sekretariat Daerah Kabupaten Sukamaju", core.UnitOffice, "", "SKM", 1, []posSpec{
		{"SEKDA", "Sekretaris Daerah", "pimpinan", 1, nil},
		{"ASISTEN", "Asisten Sekretaris Daerah", "kepala-bidang", 3, nil},
		{"KABAG", "Kepala Bagian", "kepala-bidang", 11, nil},
		{"PENGADM", "Pengadministrasi Perkantoran", "pengadministrasi", 46, nil},
		{"ANALIS", "Analis Kebijakan", "analis", 22, nil},
		{"ANALIS-HUKUM", "Analis Hukum", "analis", 8, offersLaw},
		{"HUMAS", "Pranata Hubungan Masyarakat", "pranata-humas", 6, nil},
		{"KEU", "Pengelola Keuangan", "pengelola-keuangan", 9, nil},
		{"PRAKOM", "Pranata Komputer", "pranata-komputer", 6, nil},
		{"ARSIP", "Arsiparis", "arsiparis", 5, nil},
	}},
	office("BKPSDM", "Badan Kepegawaian dan Pengembangan Sumber Daya Manusia", "Kepala Badan", 26, nil,
		posSpec{"ANALIS-SDM", "Analis Sumber Daya Manusia Aparatur", "analis", 16, offersHR},
		posSpec{"ASESOR", "Asesor Sumber Daya Manusia Aparatur", "asesor-sdm", 4, nil},
		posSpec{"PRAKOM", "Pranata Komputer", "pranata-komputer", 5, nil}),
	office("BAPPEDA", "Badan Perencanaan Pembangunan Daerah", "Kepala Badan", 22, nil,
		posSpec{"PERENCANA", "Perencana", "perencana", 20, nil},
		posSpec{"STATISTISI", "Statistisi", "statistisi", 4, nil}),
	office("BPKAD", "Badan Pengelolaan Keuangan dan Aset Daerah", "Kepala Badan", 26, nil,
		posSpec{"ANALIS-KEU", "Analis Keuangan Pusat dan Daerah", "analis", 22, offersFinanceAnalyst},
		posSpec{"PENGELOLA-BMD", "Pengelola Barang Milik Daerah", "pengelola-bmd", 10, nil}),
	office("DINKES", "Dinas Kesehatan", "Kepala Dinas", 24, []offer{{"S2", "Kesehatan Masyarakat", 1}},
		posSpec{"EPIDEMIOLOG", "Epidemiolog Kesehatan", "epidemiolog", 12, nil},
		posSpec{"ADMINKES", "Administrator Kesehatan", "administrator-kesehatan", 12, nil}),
	office("DISDIK", "Dinas Pendidikan", "Kepala Dinas", 28, []offer{{"S2", "Manajemen Pendidikan", 1}},
		posSpec{"PENGAWAS", "Pengawas Sekolah", "pengawas-sekolah", 16, nil},
		posSpec{"PRAKOM", "Pranata Komputer", "pranata-komputer", 4, nil}),
	office("DPUPR", "Dinas Pekerjaan Umum dan Penataan Ruang", "Kepala Dinas", 24, []offer{{"S2", "Perencanaan Wilayah dan Kota", 1}},
		posSpec{"TEKNIK-JJ", "Teknik Jalan dan Jembatan", "teknik-jalan-jembatan", 24, nil},
		posSpec{"TEKNIK-AIR", "Teknik Pengairan", "teknik-pengairan", 14, nil},
		posSpec{"PENATA-RUANG", "Penata Ruang", "penata-ruang", 6, nil}),
	office("DINSOS", "Dinas Sosial", "Kepala Dinas", 22, nil,
		posSpec{"PEKSOS", "Pekerja Sosial", "pekerja-sosial", 18, nil},
		posSpec{"PENYULUH-SOSIAL", "Penyuluh Sosial", "penyuluh-sosial", 7, nil}),
	office("DISDUKCAPIL", "Dinas Kependudukan dan Pencatatan Sipil", "Kepala Dinas", 44, nil,
		posSpec{"ADMIN-DB", "Administrator Database Kependudukan", "administrator-database-kependudukan", 12, nil}),
	office("DISTAN", "Dinas Pertanian dan Ketahanan Pangan", "Kepala Dinas", 22, nil,
		posSpec{"PENYULUH", "Penyuluh Pertanian", "penyuluh-pertanian", 130, nil},
		posSpec{"PENGAWAS-BENIH", "Pengawas Benih Tanaman", "pengawas-benih", 8, nil}),
	{"RSUD", "Rumah Sakit Umum Daerah Sukamaju", core.UnitHospital, "DINKES", "SKM", 1, []posSpec{
		{"DIREKTUR", "Direktur", "pimpinan", 1, []offer{{"S2", "Manajemen Rumah Sakit", 1}}},
		{"KABID", "Kepala Bidang", "kepala-bidang", 4, []offer{{"S1", "Kedokteran", 2}, {"S2", "Kesehatan Masyarakat", 2}}},
		{"DOKTER", "Dokter", "dokter", 50, nil},
		{"DOKTER-SP", "Dokter Spesialis", "dokter-spesialis", 30, nil},
		{"PERAWAT", "Perawat", "perawat", 400, nil},
		{"BIDAN", "Bidan", "bidan", 70, nil},
		{"APOTEKER", "Apoteker", "apoteker", 10, nil},
		{"TTK", "Tenaga Teknis Kefarmasian", "tenaga-teknis-kefarmasian", 20, nil},
		{"LAB", "Pranata Laboratorium Kesehatan", "pranata-laboratorium", 24, nil},
		{"RADIOGRAFER", "Radiografer", "radiografer", 12, nil},
		{"PEREKAM-MEDIS", "Perekam Medis", "perekam-medis", 20, nil},
		{"PENGADM", "Pengadministrasi Perkantoran", "pengadministrasi", 50, nil},
	}},
	kecamatan("SKM", 1.3), kecamatan("MHL", 1), kecamatan("RHU", 0.8), kecamatan("BTA", 1), kecamatan("SKL", 0.9),
	puskesmas("PKM-SKM", "Puskesmas Sukamaju", "SKM", 1.4),
	puskesmas("PKM-SKB", "Puskesmas Sukamaju Baru", "SKM", 1.2),
	puskesmas("PKM-MHL", "Puskesmas Muara Hilir", "MHL", 1.1),
	puskesmas("PKM-RHU", "Puskesmas Riam Hulu", "RHU", 1),
	puskesmas("PKM-LBT", "Puskesmas Long Batu", "RHU", 0.7),
	puskesmas("PKM-BTA", "Puskesmas Batu Ampar", "BTA", 1),
	puskesmas("PKM-SKL", "Puskesmas Sungai Kelam", "SKL", 0.9),
	sd("SDN-1-SKM", "SD Negeri 1 Sukamaju", "SKM", 1.5),
	sd("SDN-2-SKM", "SD Negeri 2 Sukamaju", "SKM", 1.4),
	sd("SDN-3-SKM", "SD Negeri 3 Sukamaju", "SKM", 1.4),
	sd("SDN-4-SKM", "SD Negeri 4 Sukamaju", "SKM", 1.2),
	sd("SDN-1-MHL", "SD Negeri 1 Muara Hilir", "MHL", 1.2),
	sd("SDN-2-MHL", "SD Negeri 2 Muara Hilir", "MHL", 1),
	sd("SDN-1-RHU", "SD Negeri 1 Riam Hulu", "RHU", 0.7),
	sd("SDN-2-RHU", "SD Negeri 2 Riam Hulu", "RHU", 0.6),
	sd("SDN-LBT", "SD Negeri Long Batu", "RHU", 0.55),
	sd("SDN-1-BTA", "SD Negeri 1 Batu Ampar", "BTA", 1.2),
	sd("SDN-1-SKL", "SD Negeri 1 Sungai Kelam", "SKL", 1.1),
	sd("SDN-2-SKL", "SD Negeri 2 Sungai Kelam", "SKL", 0.9),
	smp("SMPN-1-SKM", "SMP Negeri 1 Sukamaju", "SKM", 2.1),
	smp("SMPN-2-SKM", "SMP Negeri 2 Sukamaju", "SKM", 1.8),
	smp("SMPN-1-MHL", "SMP Negeri 1 Muara Hilir", "MHL", 1.5),
	smp("SMPN-1-RHU", "SMP Negeri 1 Riam Hulu", "RHU", 1.1),
	smp("SMPN-1-BTA", "SMP Negeri 1 Batu Ampar", "BTA", 1.4),
}

// office returns a regional office (dinas or badan) in the capital with the
// positions every office has and extra ones of its own.
func office(code, name, head string, clerks float64, headOffers []offer, extra ...posSpec) unitSpec {
	p := []posSpec{
		{"KEPALA", head, "pimpinan", 1, headOffers},
		{"SEKRETARIS", "Sekretaris", "kepala-bidang", 1, nil},
		{"KABID", "Kepala Bidang", "kepala-bidang", 5, nil},
		{"PENGADM", "Pengadministrasi Perkantoran", "pengadministrasi", clerks, nil},
		{"KEU", "Pengelola Keuangan", "pengelola-keuangan", 8, nil},
	}
	return unitSpec{code, name, core.UnitOffice, "", "SKM", 1, append(p, extra...)}
}

func kecamatan(d string, size float64) unitSpec {
	return unitSpec{"KEC-" + d, "Kecamatan " + districtByCode(d).name, core.UnitDistrict, "", d, size, []posSpec{
		{"CAMAT", "Camat", "kepala-bidang", 1, []offer{{"S1", "Ilmu Pemerintahan", 3}, {"S2", "Ilmu Pemerintahan", 2}}},
		{"SEKCAM", "Sekretaris Kecamatan", "kepala-bidang", 1, nil},
		{"KASI", "Kepala Seksi", "kepala-seksi", 5, nil},
		{"PENGADM", "Pengadministrasi Perkantoran", "pengadministrasi", 26, nil},
	}}
}

func puskesmas(code, name, d string, size float64) unitSpec {
	return unitSpec{code, name, core.UnitHealthCentre, "DINKES", d, size, []posSpec{
		{"KAPUS", "Kepala Puskesmas", "kepala-puskesmas", 1, nil},
		{"DOKTER", "Dokter", "dokter", 7, nil},
		{"PERAWAT", "Perawat", "perawat", 42, nil},
		{"BIDAN", "Bidan", "bidan", 34, nil},
		{"TTK", "Tenaga Teknis Kefarmasian", "tenaga-teknis-kefarmasian", 4, nil},
		{"LAB", "Pranata Laboratorium Kesehatan", "pranata-laboratorium", 4, nil},
		{"SANITARIAN", "Sanitarian", "sanitarian", 3, nil},
		{"PENGADM", "Pengadministrasi Perkantoran", "pengadministrasi", 9, nil},
	}}
}

func sd(code, name, d string, size float64) unitSpec {
	return unitSpec{code, name, core.UnitSchool, "DISDIK", d, size, []posSpec{
		{"KEPSEK", "Kepala Sekolah", "kepala-sekolah", 1, []offer{{"S1", "Pendidikan Guru Sekolah Dasar", 7}, {"S2", "Manajemen Pendidikan", 3}}},
		{"GURU-KELAS", "Guru Kelas", "guru-kelas", 13, nil},
		{"GURU-PJOK", "Guru Pendidikan Jasmani, Olahraga dan Kesehatan", "guru-mapel", 2, offersPE},
	}}
}

func smp(code, name, d string, size float64) unitSpec {
	return unitSpec{code, name, core.UnitSchool, "DISDIK", d, size, []posSpec{
		{"KEPSEK", "Kepala Sekolah", "kepala-sekolah", 1, []offer{{"S1", "Pendidikan Matematika", 2},
			{"S1", "Pendidikan Bahasa dan Sastra Indonesia", 2}, {"S1", "Pendidikan Biologi", 1}, {"S2", "Manajemen Pendidikan", 4}}},
		{"GURU-MTK", "Guru Matematika", "guru-mapel", 7, []offer{{"S1", "Pendidikan Matematika", 9}, {"S2", "Pendidikan Matematika", 1}}},
		{"GURU-BIN", "Guru Bahasa Indonesia", "guru-mapel", 7, []offer{{"S1", "Pendidikan Bahasa dan Sastra Indonesia", 1}}},
		{"GURU-BING", "Guru Bahasa Inggris", "guru-mapel", 6, []offer{{"S1", "Pendidikan Bahasa Inggris", 1}}},
		{"GURU-IPA", "Guru Ilmu Pengetahuan Alam", "guru-mapel", 7, []offer{{"S1", "Pendidikan Biologi", 4},
			{"S1", "Pendidikan Fisika", 3}, {"S1", "Pendidikan Kimia", 1}, {"S1", "Pendidikan IPA", 2}}},
		{"GURU-IPS", "Guru Ilmu Pengetahuan Sosial", "guru-mapel", 6, []offer{{"S1", "Pendidikan Ekonomi", 3},
			{"S1", "Pendidikan Sejarah", 2}, {"S1", "Pendidikan Geografi", 2}, {"S1", "Pendidikan IPS", 3}}},
	}}
}

var (
	offersPE             = []offer{{"S1", "Pendidikan Jasmani", 1}}
	offersLaw            = []offer{{"S1", "Hukum", 9}, {"S2", "Hukum", 1}}
	offersHR             = []offer{{"S1", "Psikologi", 3}, {"S1", "Manajemen", 3}, {"S1", "Ilmu Administrasi Negara", 3}, {"S1", "Hukum", 1}}
	offersFinanceAnalyst = []offer{{"S1", "Akuntansi", 6}, {"S1", "Manajemen", 2}, {"S1", "Ekonomi Pembangunan", 2}}
	offersLeader         = []offer{{"S2", "Ilmu Administrasi Negara", 4}, {"S2", "Ilmu Pemerintahan", 3}, {"S2", "Manajemen", 3},
		{"S2", "Hukum", 1}, {"S1", "Ilmu Pemerintahan", 2}, {"S1", "Ilmu Administrasi Negara", 2}, {"S1", "Ekonomi Pembangunan", 1}, {"S1", "Hukum", 1}}
)

// family is a job family (rumpun jabatan): who holds it and what they do.
type family struct {
	kind core.PositionKind
	// min is the position's minimum education.
	min core.EducationLevel
	// anyField leaves the position open to every field of study.
	anyField bool
	offers   []offer
	// female is the share of women, in percent.
	female int
	// minService is the years of service before someone holds it.
	minService int
	comps      []string
	tasks      []task
}

// task is an ABK task: its standard minutes and the share of one person's
// working year it takes.
type task struct {
	name    string
	minutes float64
	share   float64
}

var managerTasks = []task{
	{"Memimpin rapat koordinasi dan evaluasi kinerja", 120, 0.18},
	{"Memeriksa dan menandatangani naskah dinas", 10, 0.24},
	{"Membina dan menilai kinerja pegawai", 60, 0.15},
	{"Menyusun rencana kerja dan anggaran", 960, 0.15},
	{"Menghadiri rapat dengan pimpinan daerah dan DPRD", 180, 0.14},
	{"Memantau pelaksanaan kegiatan di lapangan", 240, 0.14},
}

var teacherTasks = []task{
	{"Melaksanakan pembelajaran tatap muka (per jam pelajaran)", 35, 0.52},
	{"Menyusun modul ajar", 120, 0.12},
	{"Menilai hasil kerja dan asesmen peserta didik", 10, 0.16},
	{"Menyusun laporan hasil belajar (rapor)", 45, 0.06},
	{"Melaksanakan remedial dan pengayaan", 35, 0.06},
	{"Membimbing kegiatan ekstrakurikuler", 90, 0.04},
	{"Berkomunikasi dengan orang tua peserta didik", 20, 0.04},
}

var analystTasks = []task{
	{"Mengumpulkan dan mengolah data", 60, 0.25},
	{"Menyusun kajian dan telaahan staf", 960, 0.3},
	{"Menyusun rekomendasi kebijakan", 480, 0.15},
	{"Berkoordinasi dengan perangkat daerah terkait", 90, 0.15},
	{"Menyusun laporan berkala", 240, 0.15},
}

var families = map[string]family{
	"pimpinan": {kind: core.Structural, min: "S1", anyField: true, offers: offersLeader, female: 20, minService: 22,
		comps: []string{"Kepemimpinan strategis", "Manajemen kinerja", "Perencanaan dan penganggaran"}, tasks: managerTasks},
	"kepala-bidang": {kind: core.Structural, min: "S1", anyField: true, offers: offersLeader, female: 30, minService: 14,
		comps: []string{"Kepemimpinan", "Manajemen kinerja", "Perencanaan dan penganggaran"}, tasks: managerTasks},
	"kepala-seksi": {kind: core.Structural, min: "S1", anyField: true, female: 35, minService: 8,
		offers: []offer{{"S1", "Ilmu Pemerintahan", 3}, {"S1", "Ilmu Administrasi Negara", 3}, {"S1", "Hukum", 1}, {"S1", "Manajemen", 1}},
		comps:  []string{"Kepemimpinan", "Pelayanan publik", "Tata naskah dinas"}, tasks: managerTasks},
	"kepala-puskesmas": {kind: core.Structural, min: "S1", female: 50, minService: 10,
		offers: []offer{{"S1", "Kedokteran", 4}, {"S1", "Kesehatan Masyarakat", 4}, {"S2", "Kesehatan Masyarakat", 2}},
		comps:  []string{"Manajemen puskesmas", "Akreditasi fasilitas kesehatan"},
		tasks: []task{
			{"Memimpin lokakarya mini puskesmas", 180, 0.15},
			{"Menyusun rencana usulan kegiatan", 960, 0.15},
			{"Melakukan supervisi pelayanan dan program", 60, 0.25},
			{"Memeriksa dan menandatangani dokumen", 10, 0.2},
			{"Melayani pasien", 15, 0.25},
		}},
	"kepala-sekolah": {kind: core.Structural, min: "S1", female: 45, minService: 10,
		comps: []string{"Manajemen berbasis sekolah", "Supervisi akademik", "Pengelolaan dana BOS"},
		tasks: []task{
			{"Menyusun rencana kerja sekolah", 960, 0.12},
			{"Melakukan supervisi akademik guru", 90, 0.2},
			{"Memimpin rapat dewan guru", 120, 0.1},
			{"Mengelola dan mempertanggungjawabkan dana BOS", 240, 0.15},
			{"Mengajar (per jam pelajaran)", 35, 0.25},
			{"Memeriksa dan menandatangani dokumen sekolah", 10, 0.18},
		}},
	"guru-kelas": {kind: core.Functional, min: "S1", female: 72,
		offers: []offer{{"S1", "Pendidikan Guru Sekolah Dasar", 12}, {"S2", "Pendidikan Dasar", 1}},
		comps:  []string{"Kurikulum Merdeka", "Asesmen diagnostik", "Literasi dan numerasi", "Pembelajaran berdiferensiasi", "Pendidikan inklusif"},
		tasks:  teacherTasks},
	"guru-mapel": {kind: core.Functional, min: "S1", female: 60,
		comps: []string{"Kurikulum Merdeka", "Asesmen diagnostik", "Pembelajaran berbasis proyek", "Media pembelajaran digital"},
		tasks: teacherTasks},
	"pengawas-sekolah": {kind: core.Functional, min: "S1", female: 40, minService: 12,
		offers: []offer{{"S1", "Pendidikan Guru Sekolah Dasar", 3}, {"S2", "Manajemen Pendidikan", 4}, {"S1", "Pendidikan Matematika", 1}},
		comps:  []string{"Supervisi akademik", "Penjaminan mutu pendidikan", "Akreditasi sekolah"},
		tasks: []task{
			{"Melakukan supervisi akademik dan manajerial sekolah", 240, 0.45},
			{"Membina kepala sekolah dan guru", 120, 0.25},
			{"Menyusun program dan laporan kepengawasan", 480, 0.15},
			{"Melaksanakan penilaian kinerja kepala sekolah", 180, 0.15},
		}},
	"perawat": {kind: core.Functional, min: "D3", female: 68,
		offers: []offer{{"D3", "Keperawatan", 6}, {"S1", "Keperawatan", 4}},
		comps:  []string{"Asuhan keperawatan", "BTCLS", "Pencegahan dan pengendalian infeksi", "Perawatan luka", "Keperawatan kesehatan masyarakat"},
		tasks: []task{
			{"Melakukan pengkajian keperawatan", 15, 0.18},
			{"Melaksanakan tindakan keperawatan", 20, 0.32},
			{"Memberikan edukasi kesehatan kepada pasien dan keluarga", 15, 0.1},
			{"Mendokumentasikan asuhan keperawatan", 10, 0.15},
			{"Melaksanakan serah terima pasien antarsif", 5, 0.05},
			{"Melakukan kunjungan rumah", 60, 0.1},
			{"Membantu pelayanan gawat darurat", 30, 0.1},
		}},
	"bidan": {kind: core.Functional, min: "D3", female: 100,
		offers: []offer{{"D3", "Kebidanan", 7}, {"D4", "Kebidanan", 2}, {"S1", "Kebidanan", 1}},
		comps:  []string{"Asuhan persalinan normal", "Pelayanan KB", "Imunisasi", "Kegawatdaruratan maternal neonatal"},
		tasks: []task{
			{"Melakukan pemeriksaan kehamilan (ANC)", 30, 0.25},
			{"Menolong persalinan normal", 240, 0.2},
			{"Memberikan pelayanan KB", 20, 0.12},
			{"Melakukan kunjungan nifas dan neonatal", 45, 0.15},
			{"Memberikan imunisasi bayi dan balita", 10, 0.1},
			{"Melaksanakan kelas ibu hamil dan posyandu", 120, 0.1},
			{"Mencatat dan melaporkan kesehatan ibu dan anak", 15, 0.08},
		}},
	"dokter": {kind: core.Functional, min: "S1", female: 55,
		offers: []offer{{"S1", "Kedokteran", 1}},
		comps:  []string{"ATLS", "ACLS", "Pelayanan kedokteran keluarga", "Manajemen puskesmas"},
		tasks: []task{
			{"Memeriksa dan mengobati pasien rawat jalan", 15, 0.45},
			{"Melakukan visite pasien rawat inap", 15, 0.15},
			{"Melakukan tindakan medis", 45, 0.15},
			{"Menulis rekam medis dan surat keterangan", 10, 0.1},
			{"Menerima konsultasi dan rujukan", 30, 0.05},
			{"Membina upaya kesehatan masyarakat dan posyandu", 120, 0.1},
		}},
	"dokter-spesialis": {kind: core.Functional, min: "S2", female: 40, minService: 6,
		offers: []offer{{"S2", "Kedokteran", 1}},
		comps:  []string{"Pelayanan spesialistik", "Audit medis"},
		tasks: []task{
			{"Memeriksa pasien poliklinik spesialis", 20, 0.4},
			{"Melakukan visite pasien rawat inap", 15, 0.2},
			{"Melakukan operasi dan tindakan spesialistik", 120, 0.25},
			{"Menjawab konsultasi antarbagian", 30, 0.1},
			{"Melaksanakan audit medis", 120, 0.05},
		}},
	"apoteker": {kind: core.Functional, min: "S1", female: 70,
		offers: []offer{{"S1", "Farmasi", 1}},
		comps:  []string{"Pelayanan kefarmasian", "Pengelolaan perbekalan farmasi"},
		tasks:  pharmacyTasks},
	"tenaga-teknis-kefarmasian": {kind: core.Functional, min: "D3", female: 70,
		offers: []offer{{"D3", "Farmasi", 8}, {"S1", "Farmasi", 2}},
		comps:  []string{"Pelayanan resep", "Pengelolaan perbekalan farmasi"},
		tasks:  pharmacyTasks},
	"pranata-laboratorium": {kind: core.Functional, min: "D3", female: 60,
		offers: []offer{{"D3", "Teknologi Laboratorium Medis", 7}, {"D4", "Teknologi Laboratorium Medis", 3}},
		comps:  []string{"Hematologi", "Kimia klinik", "Pemantapan mutu laboratorium"},
		tasks: []task{
			{"Mengambil dan menyiapkan sampel", 10, 0.25},
			{"Melakukan pemeriksaan hematologi", 20, 0.3},
			{"Melakukan pemeriksaan kimia klinik", 20, 0.2},
			{"Memelihara alat laboratorium", 60, 0.1},
			{"Mencatat dan melaporkan hasil pemeriksaan", 5, 0.15},
		}},
	"radiografer": {kind: core.Functional, min: "D3", female: 40,
		offers: []offer{{"D3", "Radiologi", 8}, {"D4", "Radiologi", 2}},
		comps:  []string{"Radiologi konvensional", "CT scan", "Proteksi radiasi"},
		tasks: []task{
			{"Melakukan pemeriksaan radiologi konvensional", 20, 0.55},
			{"Melakukan pemeriksaan CT scan", 45, 0.2},
			{"Mengolah dan mengarsipkan citra", 10, 0.15},
			{"Memelihara peralatan radiologi", 60, 0.1},
		}},
	"perekam-medis": {kind: core.Functional, min: "D3", female: 60,
		offers: []offer{{"D3", "Rekam Medis dan Informasi Kesehatan", 1}},
		comps:  []string{"Pengodean ICD-10", "Rekam medis elektronik"},
		tasks: []task{
			{"Mendaftarkan pasien", 5, 0.3},
			{"Mengode diagnosis dan tindakan", 5, 0.3},
			{"Menyimpan dan mengambil berkas rekam medis", 5, 0.2},
			{"Menyusun laporan rumah sakit", 480, 0.2},
		}},
	"sanitarian": {kind: core.Functional, min: "D3", female: 50,
		offers: []offer{{"D3", "Kesehatan Lingkungan", 7}, {"S1", "Kesehatan Lingkungan", 3}},
		comps:  []string{"Inspeksi kesehatan lingkungan", "Sanitasi total berbasis masyarakat"},
		tasks: []task{
			{"Melakukan inspeksi kesehatan lingkungan", 90, 0.45},
			{"Melaksanakan konseling sanitasi", 30, 0.25},
			{"Memicu sanitasi total berbasis masyarakat", 240, 0.2},
			{"Menyusun laporan kesehatan lingkungan", 240, 0.1},
		}},
	"epidemiolog": {kind: core.Functional, min: "S1", female: 55,
		offers: []offer{{"S1", "Kesehatan Masyarakat", 8}, {"S2", "Epidemiologi", 2}},
		comps:  []string{"Surveilans epidemiologi", "Penyelidikan epidemiologi", "Imunisasi"},
		tasks: []task{
			{"Mengolah data surveilans mingguan", 120, 0.3},
			{"Melakukan penyelidikan epidemiologi", 480, 0.25},
			{"Memantau cakupan imunisasi", 60, 0.25},
			{"Menyusun laporan dan rekomendasi", 240, 0.2},
		}},
	"administrator-kesehatan": {kind: core.Functional, min: "S1", female: 55,
		offers: []offer{{"S1", "Kesehatan Masyarakat", 7}, {"S2", "Kesehatan Masyarakat", 3}},
		comps:  []string{"Manajemen program kesehatan", "Sistem informasi kesehatan"},
		tasks:  analystTasks},
	"pengadministrasi": {kind: core.Executor, min: "SMA", anyField: true, female: 50,
		offers: []offer{{"SMA", "IPS", 20}, {"SMA", "IPA", 10}, {"SMA", "Administrasi Perkantoran", 15},
			{"D3", "Administrasi Perkantoran", 10}, {"D3", "Akuntansi", 5}, {"D3", "Manajemen Informatika", 5},
			{"S1", "Ilmu Administrasi Negara", 12}, {"S1", "Manajemen", 8}, {"S1", "Ilmu Pemerintahan", 5},
			{"S1", "Hukum", 5}, {"S1", "Ekonomi Pembangunan", 5}},
		comps: []string{"Tata naskah dinas", "Kearsipan", "Pengolahan kata dan angka", "Pelayanan prima"},
		tasks: []task{
			{"Menerima, mencatat, dan mendistribusikan surat", 5, 0.2},
			{"Mengetik konsep surat dan naskah dinas", 20, 0.25},
			{"Mengarsipkan dokumen", 5, 0.15},
			{"Menggandakan dan mengirim dokumen", 5, 0.1},
			{"Menyiapkan rapat dan menyusun notula", 60, 0.15},
			{"Melayani tamu dan permintaan informasi", 10, 0.15},
		}},
	"pengelola-keuangan": {kind: core.Executor, min: "D3", female: 60,
		offers: []offer{{"D3", "Akuntansi", 5}, {"S1", "Akuntansi", 4}, {"S1", "Manajemen", 2}},
		comps:  []string{"Penatausahaan keuangan daerah", "SIPD", "Akuntansi pemerintahan", "Perpajakan"},
		tasks: []task{
			{"Memverifikasi bukti pengeluaran (SPJ)", 15, 0.3},
			{"Menyusun surat permintaan pembayaran (SPP)", 30, 0.2},
			{"Mencatat buku kas umum", 10, 0.15},
			{"Menyusun laporan keuangan bulanan", 480, 0.2},
			{"Melakukan rekonsiliasi dengan BPKAD", 240, 0.15},
		}},
	"pengelola-bmd": {kind: core.Executor, min: "SMA", anyField: true, female: 40,
		offers: []offer{{"SMA", "IPS", 3}, {"D3", "Akuntansi", 3}, {"S1", "Manajemen", 2}},
		comps:  []string{"Penatausahaan barang milik daerah", "Inventarisasi aset"},
		tasks: []task{
			{"Mencatat mutasi barang milik daerah", 15, 0.35},
			{"Melakukan inventarisasi aset", 120, 0.3},
			{"Menyusun laporan barang milik daerah", 480, 0.2},
			{"Memverifikasi usulan penghapusan aset", 60, 0.15},
		}},
	"pranata-komputer": {kind: core.Functional, min: "D3", female: 30,
		offers: []offer{{"D3", "Manajemen Informatika", 4}, {"S1", "Teknik Informatika", 4}, {"S1", "Sistem Informasi", 3}},
		comps:  []string{"Jaringan komputer", "Pemrograman web", "Basis data", "Keamanan informasi"},
		tasks: []task{
			{"Memelihara jaringan dan perangkat komputer", 60, 0.25},
			{"Menangani gangguan layanan TIK", 30, 0.2},
			{"Mengembangkan dan memelihara aplikasi", 480, 0.3},
			{"Mencadangkan data", 30, 0.1},
			{"Menyusun laporan layanan TIK", 120, 0.15},
		}},
	"analis": {kind: core.Functional, min: "S1", female: 50,
		offers: []offer{{"S1", "Ilmu Administrasi Negara", 4}, {"S1", "Ilmu Pemerintahan", 3}, {"S1", "Ekonomi Pembangunan", 2}, {"S2", "Ilmu Administrasi Negara", 1}},
		comps:  []string{"Analisis kebijakan", "Analisis data", "Penulisan laporan"},
		tasks:  analystTasks},
	"asesor-sdm": {kind: core.Functional, min: "S1", female: 55,
		offers: []offer{{"S1", "Psikologi", 2}, {"S2", "Psikologi", 1}},
		comps:  []string{"Asesmen kompetensi", "Wawancara berbasis perilaku"},
		tasks: []task{
			{"Melaksanakan asesmen kompetensi pegawai", 240, 0.5},
			{"Menyusun laporan hasil asesmen", 120, 0.3},
			{"Menyusun instrumen asesmen", 480, 0.2},
		}},
	"pranata-humas": {kind: core.Functional, min: "D3", female: 55,
		offers: []offer{{"S1", "Ilmu Komunikasi", 7}, {"D3", "Hubungan Masyarakat", 3}},
		comps:  []string{"Penulisan rilis berita", "Pengelolaan media sosial", "Fotografi"},
		tasks: []task{
			{"Meliput kegiatan pimpinan daerah", 180, 0.35},
			{"Menulis rilis berita", 60, 0.25},
			{"Mengelola media sosial pemerintah daerah", 20, 0.25},
			{"Menyusun kliping dan analisis pemberitaan", 120, 0.15},
		}},
	"arsiparis": {kind: core.Functional, min: "D3", female: 55,
		offers: []offer{{"D3", "Kearsipan", 6}, {"S1", "Ilmu Perpustakaan", 2}},
		comps:  []string{"Pengelolaan arsip dinamis", "Alih media arsip"},
		tasks: []task{
			{"Menata dan mendeskripsikan arsip", 10, 0.45},
			{"Melayani peminjaman arsip", 10, 0.2},
			{"Melakukan alih media arsip", 15, 0.2},
			{"Menyusun daftar arsip usul musnah", 240, 0.15},
		}},
	"perencana": {kind: core.Functional, min: "S1", female: 45,
		offers: []offer{{"S1", "Perencanaan Wilayah dan Kota", 4}, {"S1", "Ekonomi Pembangunan", 3}, {"S1", "Teknik Sipil", 1}, {"S2", "Perencanaan Wilayah dan Kota", 2}},
		comps:  []string{"Perencanaan pembangunan daerah", "SIPD", "Analisis ekonomi regional"},
		tasks:  analystTasks},
	"statistisi": {kind: core.Functional, min: "D4", female: 50,
		offers: []offer{{"S1", "Statistika", 1}, {"D4", "Statistika", 1}},
		comps:  []string{"Analisis statistik", "Survei"},
		tasks:  analystTasks},
	"teknik-jalan-jembatan": {kind: core.Functional, min: "D3", female: 12,
		offers: []offer{{"D3", "Teknik Sipil", 5}, {"S1", "Teknik Sipil", 5}},
		comps:  []string{"Perencanaan jalan", "Pengawasan konstruksi", "AutoCAD"},
		tasks:  engineerTasks},
	"teknik-pengairan": {kind: core.Functional, min: "D3", female: 12,
		offers: []offer{{"D3", "Teknik Sipil", 4}, {"S1", "Teknik Sipil", 4}, {"S1", "Teknik Pengairan", 2}},
		comps:  []string{"Irigasi", "Pengawasan konstruksi"},
		tasks:  engineerTasks},
	"penata-ruang": {kind: core.Functional, min: "S1", female: 40,
		offers: []offer{{"S1", "Perencanaan Wilayah dan Kota", 7}, {"S1", "Arsitektur", 3}},
		comps:  []string{"Rencana tata ruang", "Sistem informasi geografis"},
		tasks:  analystTasks},
	"pekerja-sosial": {kind: core.Functional, min: "S1", female: 60,
		offers: []offer{{"S1", "Kesejahteraan Sosial", 7}, {"S1", "Psikologi", 2}, {"S1", "Sosiologi", 1}},
		comps:  []string{"Pendampingan sosial", "Manajemen kasus", "Data terpadu kesejahteraan sosial"},
		tasks: []task{
			{"Melakukan asesmen klien", 120, 0.3},
			{"Mendampingi penerima manfaat", 180, 0.35},
			{"Memverifikasi dan memvalidasi data kesejahteraan sosial", 15, 0.2},
			{"Menyusun laporan pendampingan", 120, 0.15},
		}},
	"penyuluh-sosial": {kind: core.Functional, min: "D3", female: 55,
		offers: []offer{{"S1", "Kesejahteraan Sosial", 5}, {"S1", "Ilmu Komunikasi", 2}, {"D3", "Kesejahteraan Sosial", 3}},
		comps:  []string{"Penyuluhan sosial", "Pemberdayaan masyarakat"},
		tasks:  extensionTasks},
	"administrator-database-kependudukan": {kind: core.Functional, min: "D3", female: 35,
		offers: []offer{{"D3", "Manajemen Informatika", 5}, {"S1", "Teknik Informatika", 3}, {"S1", "Sistem Informasi", 2}},
		comps:  []string{"SIAK", "Basis data", "Perekaman KTP-el"},
		tasks: []task{
			{"Memelihara basis data kependudukan", 60, 0.3},
			{"Melakukan konsolidasi dan pembersihan data", 120, 0.25},
			{"Menerbitkan dokumen kependudukan", 10, 0.3},
			{"Menangani gangguan jaringan SIAK", 60, 0.15},
		}},
	"penyuluh-pertanian": {kind: core.Functional, min: "D3", female: 30,
		offers: []offer{{"D3", "Penyuluhan Pertanian", 4}, {"D4", "Penyuluhan Pertanian", 2}, {"S1", "Agronomi", 2}, {"S1", "Agribisnis", 2}, {"D3", "Peternakan", 1}},
		comps:  []string{"Penyuluhan pertanian", "Budidaya padi", "Pengendalian hama terpadu", "Kelembagaan petani"},
		tasks:  extensionTasks},
	"pengawas-benih": {kind: core.Functional, min: "D3", female: 30,
		offers: []offer{{"D3", "Agronomi", 1}, {"S1", "Agronomi", 1}},
		comps:  []string{"Sertifikasi benih", "Pengujian mutu benih"},
		tasks: []task{
			{"Memeriksa lapangan pertanaman benih", 240, 0.45},
			{"Menguji mutu benih di laboratorium", 60, 0.35},
			{"Menerbitkan sertifikat benih", 30, 0.2},
		}},
}

var pharmacyTasks = []task{
	{"Melayani resep", 10, 0.45},
	{"Memberikan informasi obat", 10, 0.15},
	{"Mengelola persediaan obat dan bahan medis habis pakai", 60, 0.2},
	{"Menyusun laporan penggunaan obat", 240, 0.1},
	{"Mengkaji resep", 5, 0.1},
}

var engineerTasks = []task{
	{"Melakukan survei dan pengukuran lapangan", 480, 0.25},
	{"Menyusun rancangan teknis dan rencana anggaran biaya", 960, 0.25},
	{"Mengawasi pelaksanaan pekerjaan konstruksi", 240, 0.35},
	{"Menyusun laporan kemajuan pekerjaan", 120, 0.15},
}

var extensionTasks = []task{
	{"Melakukan kunjungan dan penyuluhan kelompok", 180, 0.45},
	{"Menyusun programa dan rencana kerja penyuluhan", 960, 0.15},
	{"Melaksanakan demonstrasi dan percontohan", 480, 0.2},
	{"Menyusun laporan penyuluhan", 120, 0.2},
}
