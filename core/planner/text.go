package planner

import (
	"fmt"
	"math"
	"strings"

	"github.com/seimbang/seimbang/core/i18n"
)

// texts holds every text of this package a person reads, Bahasa Indonesia
// first. Keys and verbs are the same in both languages (a test checks).
var texts = map[i18n.Lang]map[string]string{
	i18n.ID: {
		"move":                 "%s dipindahkan dari %s (%s) ke %s (%s).",
		"source.surplus":       "Jabatan asal kelebihan %s orang: kebutuhan %s, terisi %d (EJ %s, kelas %s); setelah rencana terisi %d.",
		"source.balanced":      "Jabatan asal tidak kelebihan pegawai (kebutuhan %s, terisi %d); tempatnya diisi pegawai lain dalam rencana ini.",
		"target.short":         "Jabatan tujuan kekurangan %s orang: kebutuhan %s, terisi %d (EJ %s, kelas %s); setelah rencana terisi %d.",
		"target.full":          "Jabatan tujuan tidak kekurangan pegawai (kebutuhan %s, terisi %d); salah seorang pegawainya pindah ke jabatan yang lebih membutuhkan.",
		"education":            "Pendidikan %s %s memenuhi syarat (minimal %s; jurusan: %s).",
		"education.any_level":  "tanpa syarat",
		"education.any_field":  "semua jurusan",
		"competency":           "Kompetensi yang disyaratkan: %d dari %d dimiliki.",
		"competency.missing":   "Kompetensi yang disyaratkan: %d dari %d dimiliki (belum: %s).",
		"competency.none":      "Jabatan tujuan tidak mensyaratkan kompetensi khusus.",
		"preference.rank":      "Unit tujuan adalah pilihan ke-%d.",
		"preference.none":      "Unit tujuan tidak termasuk unit pilihan.",
		"preference.unwilling": "Pegawai menyatakan tidak bersedia pindah; hal itu dihitung sebagai biaya tambahan.",
		"distance":             "Jarak dari rumah ke unit tujuan sekitar %s km.",
		"distance.unknown":     "Jarak ke unit tujuan tidak diketahui (lokasi belum tercatat).",
		"value.positive":       "Setelah rencana ini, satu orang lagi di jabatan tujuan masih akan menutup %s orang kesenjangan.",
		"value.zero":           "Setelah rencana ini, kebutuhan jabatan tujuan terpenuhi: satu orang lagi tidak menutup kesenjangan.",
		"value.negative":       "Setelah rencana ini, satu orang lagi di jabatan tujuan justru menambah kesenjangan %s orang.",
		"cost":                 "Biaya pemindahan %d poin (pemindahan %d, preferensi %d, jarak %d, kompetensi %d, kinerja %d, masa jabatan %d).",
		"why.rules":            "%s tidak dapat dipindahkan ke %s karena %s.",
		"why.cost":             "%s tidak dipindahkan ke %s: kebutuhan di sana lebih rendah daripada biaya pemindahannya, selisih %s (biaya pemindahan %d poin; setelah rencana jabatan itu terisi %d dari kebutuhan %s).",
		"why.held":             "%s tidak dapat dipindahkan dalam periode ini karena %s.",
		"why.blocked":          "%s tidak dapat dipindahkan ke %s: jabatan asalnya akan kekurangan pegawai dan tidak ada yang dapat menggantikannya.",
		"why.tie":              "%s dapat dipindahkan ke %s dengan hasil yang sama baiknya; perencana memilih rencana lain yang nilainya sama.",
		"why.here":             "%s sudah berada di %s.",
		"why.no_position":      "%s tidak dapat dipindahkan ke %s: unit itu tidak memiliki jabatan yang direncanakan.",
		"why.moved":            "Dalam rencana ini %s dipindahkan ke %s (%s).",
		"amount.gap":           "%s orang kesenjangan",
		"amount.points":        "%s poin",
		"list.and":             " dan ",
		"rule.same_position":   "itu adalah jabatannya sekarang",
		"rule.min_time":        "masa dalam jabatan sekarang kurang dari %d tahun (atau TMT jabatan belum tercatat)",
		"rule.retirement":      "mencapai batas usia pensiun dalam %d bulan (atau tanggal lahir belum tercatat)",
		"rule.active_transfer": "sedang dalam proses mutasi lain",
		"rule.objection":       "keberatannya dalam periode ini telah dikabulkan",
		"rule.excluded_unit":   "unit asal atau tujuan dikecualikan dari perencanaan",
		"rule.structural":      "jabatan struktural tidak direncanakan otomatis",
		"rule.no_workload":     "jabatan asal atau tujuan belum memiliki data beban kerja",
		"rule.job_family":      "rumpun jabatan berbeda (jabatan fungsional hanya menerima rumpunnya sendiri)",
		"rule.education_level": "jenjang pendidikan di bawah syarat jabatan tujuan",
		"rule.education_field": "jurusan pendidikan tidak diterima jabatan tujuan",
		"rule.voluntary":       "unit itu tidak dipilih di atas unit sekarang (periode ini hanya mutasi sukarela)",
		"surge.assign":         "%s ditugaskan sementara dari %s (%s) ke %s selama %d hari, %s sampai dengan %s.",
		"surge.source":         "Jabatan asal kelebihan %s orang (kebutuhan %s, terisi %d); setelah penugasan tidak di bawah kebutuhannya.",
		"surge.short":          "Hanya %d dari %d orang yang dapat ditugaskan tanpa membuat jabatan asal kekurangan pegawai.",
		"replace.none":         "Tidak ada pegawai lain yang dapat mengisi %s tanpa menambah kesenjangan.",
		"replace.found":        "%s diusulkan menggantikan %s untuk %s.",
		"equity":               "Dengan opsi pemerataan: rasio terendah %s (tanpa: %s), indeks Gini %s (tanpa: %s), unit di bawah %s: %s (tanpa: %s).",
	},
	i18n.EN: {
		"move":                 "%s is moved from %s (%s) to %s (%s).",
		"source.surplus":       "The source position has %s people too many: needs %s, has %d (EJ %s, band %s); after the plan it has %d.",
		"source.balanced":      "The source position has no surplus (needs %s, has %d); another person joining in this plan takes the place.",
		"target.short":         "The target position is %s people short: needs %s, has %d (EJ %s, band %s); after the plan it has %d.",
		"target.full":          "The target position is not short (needs %s, has %d); one of its staff moves on to a position in greater need.",
		"education":            "Education %s %s qualifies (minimum %s; fields: %s).",
		"education.any_level":  "none",
		"education.any_field":  "any field",
		"competency":           "Required competencies: %d of %d held.",
		"competency.missing":   "Required competencies: %d of %d held (missing: %s).",
		"competency.none":      "The target position requires no particular competency.",
		"preference.rank":      "The target unit is preference number %d.",
		"preference.none":      "The target unit is not among the preferred units.",
		"preference.unwilling": "The employee said they are not willing to move; this counts as an extra cost.",
		"distance":             "The target unit is about %s km from home.",
		"distance.unknown":     "The distance to the target unit is unknown (no location on record).",
		"value.positive":       "After this plan, one more person in the target position would still close %s people of gap.",
		"value.zero":           "After this plan, the target position's need is met: one more person closes no gap.",
		"value.negative":       "After this plan, one more person in the target position would widen the gap by %s people.",
		"cost":                 "Cost of the move %d points (move %d, preference %d, distance %d, competency %d, performance %d, time in position %d).",
		"why.rules":            "%s cannot move to %s because %s.",
		"why.cost":             "%s is not moved to %s: the need there is lower than the cost of the move, by %s (the move costs %d points; after the plan the position has %d people for a need of %s).",
		"why.held":             "%s cannot be moved in this round because %s.",
		"why.blocked":          "%s cannot move to %s: the source position would fall short and nobody could take the place.",
		"why.tie":              "%s could move to %s with an equally good result; the planner chose another plan of the same value.",
		"why.here":             "%s is already in %s.",
		"why.no_position":      "%s cannot move to %s: that unit has no planned position.",
		"why.moved":            "In this plan %s moves to %s (%s).",
		"amount.gap":           "%s people of gap",
		"amount.points":        "%s points",
		"list.and":             " and ",
		"rule.same_position":   "it is their present position",
		"rule.min_time":        "they have been less than %d years in their present position (or the TMT is not on record)",
		"rule.retirement":      "they reach retirement age within %d months (or the birth date is not on record)",
		"rule.active_transfer": "another transfer of theirs is in progress",
		"rule.objection":       "their objection in this round was upheld",
		"rule.excluded_unit":   "the source or target unit is excluded from planning",
		"rule.structural":      "structural positions are not planned automatically",
		"rule.no_workload":     "the source or target position has no workload data",
		"rule.job_family":      "the job family differs (a functional position receives only its own family)",
		"rule.education_level": "the education level is below the target's minimum",
		"rule.education_field": "the field of study is not accepted by the target",
		"rule.voluntary":       "that unit was not ranked above their present one (this round moves volunteers only)",
		"surge.assign":         "%s is temporarily assigned from %s (%s) to %s for %d days, %s to %s.",
		"surge.source":         "The source position has %s people too many (needs %s, has %d); after the assignment it is not below its need.",
		"surge.short":          "Only %d of %d people can be assigned without leaving a source position short.",
		"replace.none":         "Nobody else can fill %s without widening the gap.",
		"replace.found":        "%s is proposed in place of %s for %s.",
		"equity":               "With the equity option: lowest ratio %s (without: %s), Gini index %s (without: %s), units below %s: %s (without: %s).",
	},
}

// text returns the text for key in lang formatted with args, falling back
// to Indonesian.
func text(lang i18n.Lang, key string, args ...any) string {
	f, ok := texts[lang][key]
	if !ok {
		f = texts[i18n.ID][key]
	}
	return fmt.Sprintf(f, args...)
}

// list joins items with commas and the language's "and".
func list(lang i18n.Lang, items []string) string {
	switch len(items) {
	case 0:
		return ""
	case 1:
		return items[0]
	}
	return strings.Join(items[:len(items)-1], ", ") + text(lang, "list.and") + items[len(items)-1]
}

// Text renders the explanation in lang, one sentence per fact.
func (x Explanation) Text(lang i18n.Lang) string {
	var s []string
	s = append(s, text(lang, "move", x.EmployeeName, x.From.PositionName, x.From.UnitName, x.To.PositionName, x.To.UnitName))
	if sur := x.From.Surplus(); sur > 0 {
		s = append(s, text(lang, "source.surplus", i18n.Number(lang, sur, 2), i18n.Number(lang, x.From.Required, 2), x.From.Before,
			i18n.Number(lang, x.From.EJBefore, 2), x.From.BandBefore, x.From.After))
	} else {
		s = append(s, text(lang, "source.balanced", i18n.Number(lang, x.From.Required, 2), x.From.Before))
	}
	if sh := -x.To.Surplus(); sh > 0 {
		s = append(s, text(lang, "target.short", i18n.Number(lang, sh, 2), i18n.Number(lang, x.To.Required, 2), x.To.Before,
			i18n.Number(lang, x.To.EJBefore, 2), x.To.BandBefore, x.To.After))
	} else {
		s = append(s, text(lang, "target.full", i18n.Number(lang, x.To.Required, 2), x.To.Before))
	}
	minLevel, fields := string(x.Education.MinLevel), strings.Join(x.Education.AcceptedFields, ", ")
	if minLevel == "" {
		minLevel = text(lang, "education.any_level")
	}
	if fields == "" {
		fields = text(lang, "education.any_field")
	}
	s = append(s, text(lang, "education", x.Education.Level, x.Education.Field, minLevel, fields))
	switch c := x.Competency; {
	case c.Required == 0:
		s = append(s, text(lang, "competency.none"))
	case len(c.Missing) > 0:
		s = append(s, text(lang, "competency.missing", c.Held, c.Required, strings.Join(c.Missing, ", ")))
	default:
		s = append(s, text(lang, "competency", c.Held, c.Required))
	}
	switch {
	case x.PreferenceRank > 0:
		s = append(s, text(lang, "preference.rank", x.PreferenceRank))
	case x.Unwilling:
		s = append(s, text(lang, "preference.unwilling"))
	default:
		s = append(s, text(lang, "preference.none"))
	}
	if x.DistanceKnown {
		s = append(s, text(lang, "distance", i18n.Number(lang, x.DistanceKm, 1)))
	} else {
		s = append(s, text(lang, "distance.unknown"))
	}
	if x.HasValue {
		switch v := math.Round(x.TargetValue*100) / 100; {
		case v > 0:
			s = append(s, text(lang, "value.positive", i18n.Number(lang, v, 2)))
		case v == 0:
			s = append(s, text(lang, "value.zero"))
		default:
			s = append(s, text(lang, "value.negative", i18n.Number(lang, -v, 2)))
		}
	}
	c := x.Cost
	s = append(s, text(lang, "cost", c.Total, c.Move, c.Preference, c.Distance, c.Competency, c.Performance, c.Seniority))
	return strings.Join(s, " ")
}
