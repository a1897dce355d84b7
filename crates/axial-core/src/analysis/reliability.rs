//! Agreement coefficients, as the textbooks define them: percent agreement and Cohen's kappa
//! for two coders from a 2x2 table, and Krippendorff's alpha for any number of coders, missing
//! values and the nominal or interval metric, from weighted units (a unit standing for `weight`
//! identical units: a stretch of characters all coded alike is one such unit). No project
//! types here: `analysis::agreement` turns codings into these tables and units.

use std::collections::BTreeMap;

/// Two coders' decisions on one binary question (coded with this code or not), counted over
/// units (characters, segments).
#[derive(Clone, Copy, Debug, Default, PartialEq)]
pub struct Table2 {
    /// Both coders said yes.
    pub both: f64,
    /// Only the first coder said yes.
    pub first_only: f64,
    /// Only the second coder said yes.
    pub second_only: f64,
    /// Neither said yes.
    pub neither: f64,
}

impl Table2 {
    pub fn n(&self) -> f64 {
        self.both + self.first_only + self.second_only + self.neither
    }

    /// Adds another table (pooling codes or documents).
    pub fn add(&mut self, other: &Table2) {
        self.both += other.both;
        self.first_only += other.first_only;
        self.second_only += other.second_only;
        self.neither += other.neither;
    }

    /// The share of units both coders decided alike; `None` for no units.
    pub fn percent_agreement(&self) -> Option<f64> {
        let n = self.n();
        (n > 0.0).then(|| (self.both + self.neither) / n)
    }

    /// Cohen's (1960) kappa: (p_o - p_e) / (1 - p_e), with p_e from each coder's own rate of
    /// yes. `None` when it is undefined (no units, or p_e = 1: both coders said the same thing
    /// throughout, so chance explains everything).
    pub fn cohen_kappa(&self) -> Option<f64> {
        let n = self.n();
        if n <= 0.0 {
            return None;
        }
        let po = (self.both + self.neither) / n;
        let first_yes = (self.both + self.first_only) / n;
        let second_yes = (self.both + self.second_only) / n;
        let pe = first_yes * second_yes + (1.0 - first_yes) * (1.0 - second_yes);
        (pe < 1.0 - 1e-12).then(|| (po - pe) / (1.0 - pe))
    }
}

/// How unlike two values are (Krippendorff's difference functions).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Metric {
    /// Values are names: alike or not.
    Nominal,
    /// Values are numbers on an interval scale: the squared difference.
    Interval,
}

impl Metric {
    fn delta2(self, a: f64, b: f64) -> f64 {
        match self {
            Metric::Nominal => {
                if a == b {
                    0.0
                } else {
                    1.0
                }
            }
            Metric::Interval => (a - b) * (a - b),
        }
    }
}

/// The coincidence matrix of reliability data (Krippendorff 2011, section A): every pair of
/// values two different coders gave one unit, each unit's pairs weighted 1/(m_u - 1). Built
/// one unit at a time; units with fewer than two values are not pairable and count nothing.
///
/// Kept sparse, with each value's marginal beside it: a project's values are its codes, and
/// a square table of a thousand codes would be a million cells for a few thousand pairs.
#[derive(Clone, Debug, Default)]
pub struct Coincidences {
    /// Value (as bits, so it can key a map) -> index in `values`.
    index: BTreeMap<u64, usize>,
    values: Vec<f64>,
    /// The non-zero cells o[c][k], by (c, k).
    o: BTreeMap<(usize, usize), f64>,
    /// n_c: the row sums of `o`.
    marginal: Vec<f64>,
}

impl Coincidences {
    fn slot(&mut self, v: f64) -> usize {
        let key = v.to_bits();
        if let Some(&i) = self.index.get(&key) {
            return i;
        }
        let i = self.values.len();
        self.index.insert(key, i);
        self.values.push(v);
        self.marginal.push(0.0);
        i
    }

    fn add_cell(&mut self, c: usize, k: usize, w: f64) {
        *self.o.entry((c, k)).or_insert(0.0) += w;
        self.marginal[c] += w;
    }

    /// Adds one unit, standing for `weight` identical units: the values its coders gave it
    /// (`None`: that coder gave none).
    pub fn add_unit(&mut self, values: &[Option<f64>], weight: f64) {
        let given: Vec<usize> = values.iter().flatten().map(|&v| self.slot(v)).collect();
        let m = given.len();
        if m < 2 || weight <= 0.0 {
            return;
        }
        let w = weight / (m as f64 - 1.0);
        for (i, &a) in given.iter().enumerate() {
            for (j, &b) in given.iter().enumerate() {
                if i != j {
                    self.add_cell(a, b, w);
                }
            }
        }
    }

    /// Adds every coincidence of `other`.
    pub fn add(&mut self, other: &Coincidences) {
        for (&(a, b), &w) in &other.o {
            let (i, j) = (self.slot(other.values[a]), self.slot(other.values[b]));
            self.add_cell(i, j, w);
        }
    }

    /// The number of pairable values (n in Krippendorff's notation).
    pub fn n(&self) -> f64 {
        self.marginal.iter().sum()
    }

    /// Krippendorff's alpha: 1 - D_o / D_e. `None` when it is undefined: fewer than two
    /// pairable values, or no expected disagreement (every value alike).
    ///
    /// The expected disagreement comes from the marginals alone: for nominal values
    /// n² - Σ n_c², for interval ones 2n Σ n_c (v_c - mean)², so it costs one pass over the
    /// values, not over every pair of them.
    pub fn alpha(&self, metric: Metric) -> Option<f64> {
        let n = self.n();
        if n < 2.0 {
            return None;
        }
        let observed: f64 = self.o.iter().map(|(&(c, k), &w)| w * metric.delta2(self.values[c], self.values[k])).sum();
        let expected = match metric {
            Metric::Nominal => n * n - self.marginal.iter().map(|m| m * m).sum::<f64>(),
            Metric::Interval => {
                let mean = self.values.iter().zip(&self.marginal).map(|(v, m)| v * m).sum::<f64>() / n;
                2.0 * n * self.values.iter().zip(&self.marginal).map(|(v, m)| m * (v - mean) * (v - mean)).sum::<f64>()
            }
        };
        let d_o = observed / n;
        let d_e = expected / (n * (n - 1.0));
        (d_e > 1e-12).then(|| 1.0 - d_o / d_e)
    }
}

/// Krippendorff's alpha of reliability data given as one row per coder, one column per unit.
pub fn alpha(rows: &[Vec<Option<f64>>], metric: Metric) -> Option<f64> {
    let units = rows.iter().map(Vec::len).max().unwrap_or(0);
    let mut c = Coincidences::default();
    for u in 0..units {
        let values: Vec<Option<f64>> = rows.iter().map(|r| r.get(u).copied().flatten()).collect();
        c.add_unit(&values, 1.0);
    }
    c.alpha(metric)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn round3(x: Option<f64>) -> Option<f64> {
        x.map(|x| (x * 1000.0).round() / 1000.0)
    }

    /// Krippendorff (2011), "Computing Krippendorff's Alpha-Reliability", the reliability data
    /// of section C: four observers, twelve units, missing values. The paper gives
    /// alpha = 0.743 (nominal) and 0.849 (interval).
    #[test]
    fn krippendorffs_own_example() {
        let m = None;
        let v = |x: f64| Some(x);
        let rows = vec![
            vec![v(1.), v(2.), v(3.), v(3.), v(2.), v(1.), v(4.), v(1.), v(2.), m, m, m],
            vec![v(1.), v(2.), v(3.), v(3.), v(2.), v(2.), v(4.), v(1.), v(2.), v(5.), m, v(3.)],
            vec![m, v(3.), v(3.), v(3.), v(2.), v(3.), v(4.), v(2.), v(2.), v(5.), v(1.), m],
            vec![v(1.), v(2.), v(3.), v(3.), v(2.), v(4.), v(4.), v(1.), v(2.), v(5.), v(1.), m],
        ];
        assert_eq!(round3(alpha(&rows, Metric::Nominal)), Some(0.743));
        assert_eq!(round3(alpha(&rows, Metric::Interval)), Some(0.849));
    }

    /// The worked example of Wikipedia's article on Krippendorff's alpha (three coders, fifteen
    /// units, many missing): nominal alpha = 0.691.
    #[test]
    fn the_encyclopedia_example() {
        let parse = |s: &str| -> Vec<Option<f64>> { s.split_whitespace().map(|t| t.parse().ok()).collect() };
        let rows = vec![
            parse("* * * * * 3 4 1 2 1 1 3 3 * 3"),
            parse("1 * 2 1 3 3 4 3 * * * * * * *"),
            parse("* * 2 1 3 4 4 * 2 1 1 3 3 * 4"),
        ];
        assert_eq!(round3(alpha(&rows, Metric::Nominal)), Some(0.691));
    }

    /// Cohen's kappa on the textbook 2x2 tables (each worked by hand here): 50 items, 20 both
    /// yes, 5 first only, 10 second only, 15 neither: p_o = 0.7, p_e = 0.5, kappa = 0.4. Two
    /// tables with the same p_o = 0.6 and different margins: 0.130 and 0.259.
    #[test]
    fn cohens_kappa_on_worked_tables() {
        let t = Table2 { both: 20.0, first_only: 5.0, second_only: 10.0, neither: 15.0 };
        assert_eq!(round3(t.percent_agreement()), Some(0.7));
        assert_eq!(round3(t.cohen_kappa()), Some(0.4));
        let t = Table2 { both: 45.0, first_only: 15.0, second_only: 25.0, neither: 15.0 };
        assert_eq!(round3(t.cohen_kappa()), Some(0.130));
        let t = Table2 { both: 25.0, first_only: 35.0, second_only: 5.0, neither: 35.0 };
        assert_eq!(round3(t.cohen_kappa()), Some(0.259));
        // Perfect agreement with variation is 1; with none (everything "no") it is undefined.
        assert_eq!(Table2 { both: 3.0, neither: 7.0, ..Default::default() }.cohen_kappa(), Some(1.0));
        assert_eq!(Table2 { neither: 7.0, ..Default::default() }.cohen_kappa(), None);
        assert_eq!(Table2::default().percent_agreement(), None);
    }

    /// Weighted units equal repeated ones, and for two coders with no missing values binary
    /// alpha relates to kappa's table: here both worked by hand.
    #[test]
    fn weighted_units_are_repeated_units() {
        let mut weighted = Coincidences::default();
        weighted.add_unit(&[Some(1.0), Some(1.0)], 20.0);
        weighted.add_unit(&[Some(1.0), Some(0.0)], 5.0);
        weighted.add_unit(&[Some(0.0), Some(1.0)], 10.0);
        weighted.add_unit(&[Some(0.0), Some(0.0)], 15.0);
        let mut rows = vec![Vec::new(), Vec::new()];
        for (a, b, n) in [(1.0, 1.0, 20), (1.0, 0.0, 5), (0.0, 1.0, 10), (0.0, 0.0, 15)] {
            for _ in 0..n {
                rows[0].push(Some(a));
                rows[1].push(Some(b));
            }
        }
        assert_eq!(weighted.alpha(Metric::Nominal), alpha(&rows, Metric::Nominal));
        // By hand: n = 100, o01 + o10 = 30, n1 = 55, n0 = 45:
        // alpha = 1 - 99 * 30 / (2 * 55 * 45) = 1 - 2970 / 4950 = 0.4.
        assert_eq!(round3(weighted.alpha(Metric::Nominal)), Some(0.4));
        let mut pooled = Coincidences::default();
        pooled.add(&weighted);
        assert_eq!(pooled.alpha(Metric::Nominal), weighted.alpha(Metric::Nominal));
        assert_eq!(Coincidences::default().alpha(Metric::Nominal), None);
    }
}
