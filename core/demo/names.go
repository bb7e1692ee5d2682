package demo

import (
	"strings"

	"github.com/seimbang/seimbang/core"
)

// ethnicGroup is one naming tradition. Sukamaju, in Kalimantan, is mostly
// Banjar and Dayak, with civil servants from across Indonesia.
type ethnicGroup struct {
	weight       int
	male, female []string // given names, sometimes two words
	// family names; nil when the tradition uses a second given name instead
	family []string
	// second given names when family is nil
	maleSecond, femaleSecond []string
	// format builds the full name; nil joins given and family/second.
	format func(g *generator, given, second string, female bool) string
}

var ethnicGroups = []ethnicGroup{
	{ // Banjar
		weight: 28,
		male: []string{"Muhammad", "Ahmad", "Akhmad", "Rahmadi", "Syahrani", "Norhalis", "Supiani", "Husaini",
			"Abdul Gafur", "Fahrurrazi", "Rusmadi", "Zainal", "Hairil", "Saberan", "Mukhlis", "Rijali", "Ahmad Fauzi"},
		female: []string{"Norhayati", "Siti", "Rusmilawati", "Jumiati", "Hairiyah", "Mariana", "Nurul", "Rabiatul",
			"Noorjannah", "Mahmudah", "Rahmah", "Fitriani", "Nor Asiah", "Hamidah", "Salamah"},
		maleSecond: []string{"Rizal", "Arsyad", "Noor", "Rahman", "Hidayat", "Fauzi", "Riduan", "Yamani",
			"Anshari", "Rafiq", "Hasbi", "Ramli", "Ansyari", ""},
		femaleSecond: []string{"Aisyah", "Hidayah", "Adawiyah", "Jannah", "Hasanah", "Khairunnisa", "Maulida",
			"Rahmawati", "Fadhilah", "Nordiana", ""},
		format: func(g *generator, given, second string, female bool) string {
			if !female && g.intN(12) == 0 {
				given = "Gusti " + given
			}
			return strings.TrimSpace(given + " " + second)
		},
	},
	{ // Javanese
		weight: 24,
		male: []string{"Budi", "Agus", "Bambang", "Joko", "Slamet", "Eko", "Dwi", "Hadi", "Teguh", "Wahyu", "Bayu",
			"Ari", "Rudi", "Sugeng", "Yudi", "Heru", "Adi", "Tri", "Setyo", "Gunawan", "Danang", "Anton"},
		female: []string{"Sri", "Endang", "Siti", "Dewi", "Rina", "Wulan", "Tri", "Lestari", "Ratna", "Indah",
			"Ayu", "Puji", "Retno", "Yuni", "Dyah", "Endah", "Nur"},
		maleSecond: []string{"Santoso", "Wibowo", "Prasetyo", "Susanto", "Nugroho", "Setiawan", "Purnomo",
			"Hartono", "Kurniawan", "Wijayanto", "Saputro", "Hidayat", "Utomo", "Suryanto", "Raharjo", "Firmansyah"},
		femaleSecond: []string{"Wahyuni", "Rahayu", "Lestari", "Handayani", "Susanti", "Wulandari", "Purwanti",
			"Kusumawati", "Setyaningsih", "Rahmawati", "Astuti", "Suryani", "Utami", "Anggraini", "Pratiwi"},
	},
	{ // Dayak
		weight: 12,
		male: []string{"Yohanes", "Agustinus", "Markus", "Petrus", "Yulius", "Stefanus", "Kristian", "Dominikus",
			"Fransiskus", "Yosef", "Ignatius", "Benediktus"},
		female: []string{"Maria", "Veronika", "Yuliana", "Agnes", "Theresia", "Lusiana", "Katarina", "Elisabet",
			"Margareta", "Yosefina", "Natalia"},
		family: []string{"Ngabut", "Lusang", "Anyie", "Jalung", "Bilung", "Tingang", "Rumbang", "Usat", "Lejau",
			"Hanyeq", "Ajang", "Suling"},
	},
	{ // Bugis
		weight: 8,
		male: []string{"Arsyad", "Syamsul", "Jumadi", "Hasanuddin", "Amiruddin", "Syahrir", "Fadli", "Rusli",
			"Ridwan", "Anwar", "Baso", "Muhammad Ilham"},
		female: []string{"Hasnah", "Nurhaedah", "Rosmiati", "Sitti Hajerah", "Hasmawati", "Nurlina", "Jumriani",
			"Rahmatia", "Andi Nurul", "Sitti Rahma"},
		family: []string{"Mallarangeng", "Pawelloi", "Mappaselle", "Latif", "Tahir", "Rasyid", "Paturusi",
			"Lamanda", "Sanusi", "Mattalitti"},
		format: func(g *generator, given, family string, female bool) string {
			if !female && g.intN(5) == 0 {
				given = "Andi " + given
			}
			return given + " " + family
		},
	},
	{ // Sundanese
		weight: 5,
		male:   []string{"Asep", "Dede", "Ujang", "Cecep", "Dadang", "Iwan", "Yayan", "Ade", "Dodi", "Engkus"},
		female: []string{"Euis", "Neneng", "Yeni", "Iis", "Lilis", "Nining", "Cucu", "Enung", "Rina", "Elis"},
		maleSecond: []string{"Saepudin", "Sunandar", "Hidayat", "Kurniawan", "Suherman", "Permana", "Gunawan",
			"Ruhiyat", "Setiadi", "Sopandi"},
		femaleSecond: []string{"Nurhayati", "Rohaeti", "Komalasari", "Sumiati", "Herawati", "Kurniasih", "Sulastri",
			"Rosita", "Maryani"},
	},
	{ // Batak
		weight: 5,
		male: []string{"Hotman", "Parlindungan", "Togar", "Binsar", "Marulitua", "Sahat", "Tumpal", "Jonner",
			"Poltak", "Halomoan", "Bonar"},
		female: []string{"Rotua", "Tiurma", "Dumaria", "Lamria", "Rosmawati", "Sondang", "Rumondang", "Hotnida",
			"Nurmala", "Tiolina"},
		family: []string{"Siregar", "Simanjuntak", "Nainggolan", "Sitompul", "Hutapea", "Pardede", "Simatupang",
			"Sinaga", "Panjaitan", "Lubis", "Nasution", "Harahap", "Situmorang", "Manurung", "Tambunan"},
	},
	{ // Minangkabau
		weight: 4,
		male: []string{"Afrizal", "Zulkifli", "Yuhendri", "Syafrizal", "Effendi", "Irwan", "Yusrizal", "Hendri",
			"Rahmat", "Fauzan"},
		female: []string{"Fitri", "Yulia", "Desi", "Elfira", "Rosni", "Yusnimar", "Ernawati", "Yelni", "Rahmi"},
		maleSecond: []string{"", "Chaniago", "Koto", "Tanjung", "Piliang", "Sikumbang", "Putra", "Hidayat",
			"Syahputra"},
		femaleSecond: []string{"", "Yanti", "Rahmi", "Ratnasari", "Novita", "Chaniago", "Koto", "Elida"},
	},
	{ // Balinese: I/Ni, birth-order name, given name
		weight: 4,
		male: []string{"Suartana", "Sudarsana", "Adnyana", "Mahendra", "Wirawan", "Sudiarta", "Arsana",
			"Budiarta", "Suparta", "Darmawan"},
		female: []string{"Sukerti", "Ariani", "Sumiarti", "Darmayanti", "Sudarmi", "Puspitasari", "Ayu Lestari",
			"Sri Wahyuni", "Suastini"},
		maleSecond:   []string{"Wayan", "Putu", "Gede", "Made", "Kadek", "Nyoman", "Komang", "Ketut"},
		femaleSecond: []string{"Wayan", "Putu", "Luh", "Made", "Kadek", "Nyoman", "Komang", "Ketut"},
		format: func(g *generator, given, order string, female bool) string {
			if female {
				return "Ni " + order + " " + given
			}
			return "I " + order + " " + given
		},
	},
	{ // Minahasa
		weight: 3,
		male:   []string{"Johny", "Ferry", "Jefry", "Stenly", "Marthen", "Recky", "Hendrik", "Frangky"},
		female: []string{"Meiske", "Vonny", "Grace", "Lenny", "Deisy", "Jeane", "Olvie", "Mieke"},
		family: []string{"Wenas", "Lumenta", "Rondonuwu", "Tumbelaka", "Pangemanan", "Sumampouw", "Kalangi",
			"Mandagi", "Rumengan", "Lengkong"},
	},
	{ // Maluku
		weight: 2,
		male:   []string{"Yopie", "Jacob", "Nicolas", "Abraham", "Ronald", "Samuel"},
		female: []string{"Martha", "Femmy", "Yolanda", "Christina", "Selvi"},
		family: []string{"Pattinama", "Latuheru", "Tuanakotta", "Pattiradjawane", "Leiwakabessy", "Matulessy",
			"Sahetapy"},
	},
	{ // Chinese Indonesian
		weight: 2,
		male:   []string{"Hendra", "Budi", "Andi", "Ferry", "Sugianto", "Kevin", "Wilson"},
		female: []string{"Lily", "Megawati", "Susanti", "Lina", "Melinda", "Shinta"},
		family: []string{"Wijaya", "Gunawan", "Tanuwijaya", "Halim", "Kusuma", "Tjahjadi", "Hartanto", "Salim"},
	},
}

// personName returns a plausible Indonesian name for a man or a woman.
func (g *generator) personName(female bool) string {
	weights := make([]int, len(ethnicGroups))
	for i, e := range ethnicGroups {
		weights[i] = e.weight
	}
	e := ethnicGroups[g.weighted(weights)]
	given := pick(g, e.male)
	if female {
		given = pick(g, e.female)
	}
	seconds := e.maleSecond
	switch {
	case e.family != nil:
		seconds = e.family
	case female:
		seconds = e.femaleSecond
	}
	second := pick(g, seconds)
	for second != "" && strings.Contains(given, second) { // no "Lestari Lestari"
		second = pick(g, seconds)
	}
	if e.format != nil {
		return e.format(g, given, second, female)
	}
	return strings.TrimSpace(given + " " + second)
}

// titled adds the academic titles that go with an education, as names are
// written in personnel records: "Ns. Dewi Lestari, S.Kep.", "dr. Budi Santoso".
func (g *generator) titled(name string, level core.EducationLevel, field string) string {
	t, ok := titles[string(level)+"|"+field]
	if !ok {
		return name
	}
	prefix, suffix, _ := strings.Cut(t, "|")
	if strings.Contains(suffix, "Sp.") {
		suffix = pick(g, []string{"Sp.PD.", "Sp.A.", "Sp.OG.", "Sp.B.", "Sp.An.", "Sp.Rad.", "Sp.PK.", "Sp.M."})
	}
	if prefix != "" {
		name = prefix + " " + name
	}
	if suffix != "" {
		name += ", " + suffix
	}
	return name
}

// titles maps "LEVEL|field" to "prefix|suffix".
var titles = map[string]string{
	"D3|Administrasi Perkantoran":               "|A.Md.",
	"D3|Akuntansi":                              "|A.Md.Ak.",
	"D3|Manajemen Informatika":                  "|A.Md.Kom.",
	"D3|Kearsipan":                              "|A.Md.",
	"D3|Hubungan Masyarakat":                    "|A.Md.",
	"D3|Teknik Sipil":                           "|A.Md.T.",
	"D3|Kesejahteraan Sosial":                   "|A.Md.Sos.",
	"D3|Penyuluhan Pertanian":                   "|A.Md.P.",
	"D3|Agronomi":                               "|A.Md.P.",
	"D3|Peternakan":                             "|A.Md.Pt.",
	"D3|Keperawatan":                            "|A.Md.Kep.",
	"D3|Kebidanan":                              "|A.Md.Keb.",
	"D3|Farmasi":                                "|A.Md.Farm.",
	"D3|Teknologi Laboratorium Medis":           "|A.Md.AK.",
	"D3|Radiologi":                              "|A.Md.Rad.",
	"D3|Rekam Medis dan Informasi Kesehatan":    "|A.Md.RMIK.",
	"D3|Kesehatan Lingkungan":                   "|A.Md.KL.",
	"D4|Kebidanan":                              "|S.Tr.Keb.",
	"D4|Teknologi Laboratorium Medis":           "|S.Tr.AK.",
	"D4|Radiologi":                              "|S.Tr.Rad.",
	"D4|Statistika":                             "|S.Tr.Stat.",
	"D4|Penyuluhan Pertanian":                   "|S.Tr.P.",
	"S1|Pendidikan Guru Sekolah Dasar":          "|S.Pd.",
	"S1|Pendidikan Matematika":                  "|S.Pd.",
	"S1|Pendidikan Bahasa dan Sastra Indonesia": "|S.Pd.",
	"S1|Pendidikan Bahasa Inggris":              "|S.Pd.",
	"S1|Pendidikan Biologi":                     "|S.Pd.",
	"S1|Pendidikan Fisika":                      "|S.Pd.",
	"S1|Pendidikan Kimia":                       "|S.Pd.",
	"S1|Pendidikan IPA":                         "|S.Pd.",
	"S1|Pendidikan Ekonomi":                     "|S.Pd.",
	"S1|Pendidikan Sejarah":                     "|S.Pd.",
	"S1|Pendidikan Geografi":                    "|S.Pd.",
	"S1|Pendidikan IPS":                         "|S.Pd.",
	"S1|Pendidikan Jasmani":                     "|S.Pd.",
	"S1|Pendidikan Agama Islam":                 "|S.Pd.",
	"S1|Keperawatan":                            "Ns.|S.Kep.",
	"S1|Kebidanan":                              "|S.Keb.",
	"S1|Kedokteran":                             "dr.|",
	"S1|Farmasi":                                "apt.|S.Farm.",
	"S1|Kesehatan Masyarakat":                   "|S.K.M.",
	"S1|Kesehatan Lingkungan":                   "|S.K.L.",
	"S1|Ilmu Administrasi Negara":               "|S.AP.",
	"S1|Ilmu Pemerintahan":                      "|S.IP.",
	"S1|Manajemen":                              "|S.E.",
	"S1|Akuntansi":                              "|S.Ak.",
	"S1|Ekonomi Pembangunan":                    "|S.E.",
	"S1|Hukum":                                  "|S.H.",
	"S1|Psikologi":                              "|S.Psi.",
	"S1|Teknik Informatika":                     "|S.Kom.",
	"S1|Sistem Informasi":                       "|S.Kom.",
	"S1|Ilmu Komunikasi":                        "|S.I.Kom.",
	"S1|Ilmu Perpustakaan":                      "|S.I.Pust.",
	"S1|Perencanaan Wilayah dan Kota":           "|S.T.",
	"S1|Teknik Sipil":                           "|S.T.",
	"S1|Teknik Pengairan":                       "|S.T.",
	"S1|Arsitektur":                             "|S.Ars.",
	"S1|Statistika":                             "|S.Stat.",
	"S1|Kesejahteraan Sosial":                   "|S.Sos.",
	"S1|Sosiologi":                              "|S.Sos.",
	"S1|Agronomi":                               "|S.P.",
	"S1|Agribisnis":                             "|S.P.",
	"S2|Pendidikan Dasar":                       "|S.Pd., M.Pd.",
	"S2|Pendidikan Matematika":                  "|S.Pd., M.Pd.",
	"S2|Manajemen Pendidikan":                   "|S.Pd., M.Pd.",
	"S2|Kedokteran":                             "dr.|Sp.",
	"S2|Kesehatan Masyarakat":                   "|S.K.M., M.Kes.",
	"S2|Epidemiologi":                           "|S.K.M., M.Epid.",
	"S2|Manajemen Rumah Sakit":                  "dr.|M.M.R.S.",
	"S2|Ilmu Administrasi Negara":               "|S.Sos., M.AP.",
	"S2|Ilmu Pemerintahan":                      "|S.STP., M.Si.",
	"S2|Manajemen":                              "|S.E., M.M.",
	"S2|Hukum":                                  "|S.H., M.H.",
	"S2|Psikologi":                              "|S.Psi., M.Psi.",
	"S2|Perencanaan Wilayah dan Kota":           "|S.T., M.T.",
}
