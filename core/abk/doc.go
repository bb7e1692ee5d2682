// Package abk is the workload analysis (Analisis Beban Kerja, ABK) of the
// national guideline, as plain functions over plain structs.
//
// For a position with tasks of yearly volume v and standard time t minutes:
//
//	workload        W = Σ v × t                      (minutes a year)
//	required staff  R = W / E                        (E: effective minutes a year, 75,000 by default)
//	gap             G = actual − R                   (negative: short-staffed)
//	staffing ratio  S = actual / R                   (the WHO WISN ratio; below 1: short-staffed)
//	job efficiency  EJ = W / (actual × E) = R / actual, banded A > 1.00, B 0.90–1.00,
//	                C 0.70–0.89, D 0.50–0.69, E < 0.50 (configurable)
//
// Aggregates for a unit add up its positions; a parent unit adds up its
// whole subtree; the regency adds up every position. The imbalance figures
// used everywhere in Seimbang are defined once, on Imbalance.
package abk
