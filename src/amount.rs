//! Figures kept exactly as written. Amounts in đồng reach 10^15, beyond what a float holds
//! exactly, and editors type numbers the Vietnamese way (`97,5`, `1.500.000.000`) as often
//! as the YAML way (`97.5`). An `Amount` is a decimal (digits and a scale), never a float:
//! it is compared, summed and published without rounding, and cannot be NaN or infinite.

use serde::de::{self, Deserializer, Visitor};
use serde::Deserialize;
use std::cmp::Ordering;
use std::fmt;

/// `mantissa / 10^scale`.
#[derive(Debug, Clone, Copy)]
pub struct Amount {
    mantissa: i128,
    scale: u32,
}

/// Significant digits an amount may have: 10^15 đồng with a few decimals fits easily.
const MAX_DIGITS: usize = 30;
/// Decimals an amount may have.
const MAX_SCALE: u32 = 12;

/// What an editor reads when a figure does not parse.
pub const NUMBER_HELP: &str = "write the figure with digits only, a comma or a dot for \
    decimals and dots or spaces between thousands: 97,5 or 97.5; 1.500.000.000 or 1500000000";

impl Amount {
    pub const ZERO: Amount = Amount {
        mantissa: 0,
        scale: 0,
    };

    pub fn from_int(n: i64) -> Amount {
        Amount {
            mantissa: i128::from(n),
            scale: 0,
        }
    }

    /// Parses a figure as editors write it. Grouping and decimal separators are read the
    /// Vietnamese way or the English way, whichever the text allows; a text that could be
    /// read both ways with different values (`1.500`, `1,500`) is refused with the two
    /// readings, so a figure is never silently a thousand times off.
    pub fn parse(text: &str) -> Result<Amount, String> {
        let s = text.trim();
        let lower = s.to_ascii_lowercase();
        if matches!(
            lower.trim_start_matches(['+', '-']),
            ".nan" | "nan" | ".inf" | "inf" | "infinity" | ".infinity"
        ) {
            return Err(format!(
                "\"{s}\" is not a number: a figure must be a finite number"
            ));
        }
        if s.ends_with('%') {
            return Err(format!(
                "\"{s}\": write the figure without \"%\" (the unit is set on the indicator in content/data/indicators.yaml)"
            ));
        }
        let (negative, body) = match s.strip_prefix('-').or_else(|| s.strip_prefix('−')) {
            Some(rest) => (true, rest.trim_start()),
            None => (false, s.strip_prefix('+').unwrap_or(s).trim_start()),
        };
        // Spaces of any width group thousands: "1 500 000".
        let body: String = body
            .chars()
            .filter(|c| !matches!(c, ' ' | '\u{a0}' | '\u{202f}' | '\u{2009}'))
            .collect();
        let bad = || format!("\"{s}\" is not a number");
        if body.is_empty()
            || !body
                .chars()
                .all(|c| c.is_ascii_digit() || c == '.' || c == ',')
        {
            return Err(bad());
        }
        let dots = body.matches('.').count();
        let commas = body.matches(',').count();
        let decimal = match (dots, commas) {
            (0, 0) => None,
            // Both: the last one written is the decimal separator (1.234,5 or 1,234.5).
            (_, _) if dots > 0 && commas > 0 => {
                let last = body.rfind(['.', ',']).expect("has one");
                let sep = body.as_bytes()[last] as char;
                if body.matches(sep).count() > 1 {
                    return Err(bad());
                }
                Some(sep)
            }
            // Several of one kind can only be thousands: 1.500.000.
            (d, 0) if d > 1 => None,
            (0, c) if c > 1 => None,
            // One separator: decimals, unless it also reads as a thousands group.
            _ => {
                let sep = if dots == 1 { '.' } else { ',' };
                let (int, frac) = body.split_once(sep).expect("one separator");
                let grouping =
                    frac.len() == 3 && (1..=3).contains(&int.len()) && !int.starts_with('0');
                if grouping {
                    // The decimal reading written so that it cannot be read as thousands.
                    let mut dec = frac.trim_end_matches('0').to_string();
                    if dec.len() == 3 {
                        dec.push('0');
                    }
                    let as_dec = if dec.is_empty() {
                        int.to_string()
                    } else {
                        format!("{int},{dec}")
                    };
                    return Err(format!(
                        "\"{s}\" can be read two ways: {int}{frac} or {as_dec}; write {int}{frac} (without a separator) or {as_dec} so that only one reading is possible"
                    ));
                }
                Some(sep)
            }
        };
        let (int, frac) = match decimal {
            Some(sep) => body.split_once(sep).expect("has the separator"),
            None => (body.as_str(), ""),
        };
        let group_sep = match decimal {
            Some('.') => ',',
            Some(_) => '.',
            None => {
                if body.contains('.') {
                    '.'
                } else {
                    ','
                }
            }
        };
        // Thousands groups must be whole: 1.500.000, not 1.50.000.
        let groups: Vec<&str> = int.split(group_sep).collect();
        if groups.len() > 1
            && (groups[0].is_empty()
                || groups[0].len() > 3
                || groups[1..].iter().any(|g| g.len() != 3))
        {
            return Err(bad());
        }
        let int: String = groups.concat();
        if int.is_empty() && frac.is_empty() {
            return Err(bad());
        }
        if frac.contains(['.', ',']) {
            return Err(bad());
        }
        let digits = format!("{int}{frac}");
        let significant = digits.trim_start_matches('0');
        if significant.len() > MAX_DIGITS || frac.len() > MAX_SCALE as usize {
            return Err(format!(
                "\"{s}\" has too many digits; a figure has at most {MAX_DIGITS} digits and {MAX_SCALE} decimals"
            ));
        }
        let mantissa: i128 = if digits.is_empty() {
            0
        } else {
            digits.parse().map_err(|_| bad())?
        };
        Ok(Amount {
            mantissa: if negative { -mantissa } else { mantissa },
            scale: frac.len() as u32,
        }
        .normalized())
    }

    /// Without trailing zero decimals, so equal amounts have equal parts.
    fn normalized(mut self) -> Amount {
        while self.scale > 0 && self.mantissa % 10 == 0 {
            self.mantissa /= 10;
            self.scale -= 1;
        }
        self
    }

    fn at_scale(self, scale: u32) -> Option<i128> {
        self.mantissa
            .checked_mul(10i128.checked_pow(scale - self.scale)?)
    }

    pub fn is_zero(self) -> bool {
        self.mantissa == 0
    }

    pub fn is_negative(self) -> bool {
        self.mantissa < 0
    }

    /// An approximation for drawing and for percentages; never published as a figure.
    pub fn to_f64(self) -> f64 {
        self.mantissa as f64 / 10f64.powi(self.scale as i32)
    }

    /// `self / other * 100`, rounded to one decimal; `None` when `other` is zero.
    pub fn percent_of(self, other: Amount) -> Option<f64> {
        if other.is_zero() {
            return None;
        }
        let p = (self.to_f64() / other.to_f64() * 1000.0).round() / 10.0;
        p.is_finite().then_some(p)
    }

    /// Plain digits with a dot for decimals: `1500000000`, `97.5`. For CSV and JSON.
    pub fn plain(self) -> String {
        let digits = self.mantissa.unsigned_abs().to_string();
        let sign = if self.mantissa < 0 { "-" } else { "" };
        let scale = self.scale as usize;
        if scale == 0 {
            return format!("{sign}{digits}");
        }
        let padded = format!("{digits:0>width$}", width = scale + 1);
        let (int, frac) = padded.split_at(padded.len() - scale);
        format!("{sign}{int}.{frac}")
    }

    /// Rounded half away from zero to `decimals`, for display.
    pub fn rounded(self, decimals: u32) -> Amount {
        if self.scale <= decimals {
            return self;
        }
        let div = 10i128.pow(self.scale - decimals);
        let q = self.mantissa / div;
        let r = self.mantissa % div;
        let q = if r.abs() * 2 >= div {
            q + self.mantissa.signum()
        } else {
            q
        };
        Amount {
            mantissa: q,
            scale: decimals,
        }
    }

    /// As a language writes numbers: `1.500.000.000` and `97,5` in Vietnamese, `1,500,000,000`
    /// and `97.5` in English; with `decimals`, exactly that many decimals.
    pub fn format(self, lang: &str, decimals: Option<u32>) -> String {
        let (thousands, point) = if lang == "vi" { ('.', ',') } else { (',', '.') };
        let value = match decimals {
            Some(d) => self.rounded(d),
            None => self,
        };
        let plain = value.plain();
        let (sign, plain) = match plain.strip_prefix('-') {
            Some(p) => ("-", p.to_string()),
            None => ("", plain),
        };
        let (int, frac) = match plain.split_once('.') {
            Some((i, f)) => (i.to_string(), f.to_string()),
            None => (plain, String::new()),
        };
        let frac = match decimals {
            Some(d) => format!("{frac:0<width$}", width = d as usize),
            None => frac,
        };
        let mut grouped = String::new();
        for (i, c) in int.chars().enumerate() {
            if i > 0 && (int.len() - i) % 3 == 0 {
                grouped.push(thousands);
            }
            grouped.push(c);
        }
        if frac.is_empty() {
            format!("{sign}{grouped}")
        } else {
            format!("{sign}{grouped}{point}{frac}")
        }
    }
}

impl PartialEq for Amount {
    fn eq(&self, other: &Self) -> bool {
        self.cmp(other) == Ordering::Equal
    }
}
impl Eq for Amount {}

impl PartialOrd for Amount {
    fn partial_cmp(&self, other: &Self) -> Option<Ordering> {
        Some(self.cmp(other))
    }
}

impl Ord for Amount {
    fn cmp(&self, other: &Self) -> Ordering {
        let scale = self.scale.max(other.scale);
        match (self.at_scale(scale), other.at_scale(scale)) {
            (Some(a), Some(b)) => a.cmp(&b),
            // Out of range only for absurd inputs the parser refuses; order by float.
            _ => self.to_f64().total_cmp(&other.to_f64()),
        }
    }
}

impl fmt::Display for Amount {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.plain())
    }
}

impl<'de> Deserialize<'de> for Amount {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        struct V;
        impl Visitor<'_> for V {
            type Value = Amount;
            fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
                f.write_str("a figure such as 97,5 or 1.500.000")
            }
            // The YAML layer hands every scalar over as written (`deserialize_str`), so
            // `1.500` is not turned into 1.5 before it is looked at.
            fn visit_str<E: de::Error>(self, v: &str) -> Result<Amount, E> {
                Amount::parse(v).map_err(E::custom)
            }
            fn visit_u64<E: de::Error>(self, v: u64) -> Result<Amount, E> {
                Amount::parse(&v.to_string()).map_err(E::custom)
            }
            fn visit_i64<E: de::Error>(self, v: i64) -> Result<Amount, E> {
                Amount::parse(&v.to_string()).map_err(E::custom)
            }
            fn visit_bool<E: de::Error>(self, v: bool) -> Result<Amount, E> {
                Err(E::custom(format!("\"{v}\" is not a number")))
            }
        }
        d.deserialize_str(V)
    }
}

impl schemars::JsonSchema for Amount {
    fn inline_schema() -> bool {
        true
    }
    fn schema_name() -> std::borrow::Cow<'static, str> {
        "Amount".into()
    }
    fn json_schema(_: &mut schemars::SchemaGenerator) -> schemars::Schema {
        schemars::json_schema!({
            "description": "A figure: 96, 97.5 or 97,5, 1500000000 or \"1.500.000.000\". Kept exactly as written.",
            "anyOf": [
                { "type": "number" },
                { "type": "string", "pattern": "^[-+−]?[0-9][0-9 .,\u{a0}\u{202f}]*$" }
            ],
            "examples": [100, 97.5, "97,5", "1.500.000.000"],
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn a(s: &str) -> Amount {
        Amount::parse(s).unwrap_or_else(|e| panic!("{s}: {e}"))
    }

    #[test]
    fn vietnamese_and_english_notation() {
        assert_eq!(a("97,5").plain(), "97.5");
        assert_eq!(a("97.5").plain(), "97.5");
        assert_eq!(a("1.500.000.000").plain(), "1500000000");
        assert_eq!(a("1,500,000,000").plain(), "1500000000");
        assert_eq!(a("1.234.567,89").plain(), "1234567.89");
        assert_eq!(a("1,234,567.89").plain(), "1234567.89");
        assert_eq!(a("1 500 000").plain(), "1500000");
        assert_eq!(a("0.125").plain(), "0.125");
        assert_eq!(a("0,125").plain(), "0.125");
        assert_eq!(a("-3").plain(), "-3");
        assert_eq!(a("100").plain(), "100");
        assert_eq!(a("12.50").plain(), "12.5");
        assert_eq!(a("1234.5").plain(), "1234.5");
    }

    #[test]
    fn amounts_beyond_a_float_stay_exact() {
        let big = a("999.999.999.999.999.999");
        assert_eq!(big.plain(), "999999999999999999");
        assert!(a("9007199254740993") > a("9007199254740992"));
        assert_eq!(
            a("1000000000000001").format("vi", None),
            "1.000.000.000.000.001"
        );
    }

    #[test]
    fn ambiguous_grouping_is_refused_with_both_readings() {
        let e = Amount::parse("1.500").expect_err("ambiguous");
        assert!(e.contains("1500") && e.contains("1,5"), "{e}");
        assert!(Amount::parse("1,500").is_err());
    }

    #[test]
    fn not_numbers() {
        for s in [
            ".nan",
            ".inf",
            "-.inf",
            "NaN",
            "abc",
            "",
            "1.2.3,4,5",
            "1e6",
            "97,5%",
            "1.50.000",
            "true",
        ] {
            assert!(Amount::parse(s).is_err(), "{s}");
        }
    }

    #[test]
    fn exact_comparison_and_percent() {
        assert_eq!(a("97.50"), a("97,5"));
        assert!(a("99") < a("100"));
        assert_eq!(a("96").percent_of(a("100")), Some(96.0));
        assert_eq!(a("1").percent_of(a("0")), None);
        assert_eq!(a("2").percent_of(a("3")), Some(66.7));
    }

    #[test]
    fn formats_per_language_with_decimals() {
        assert_eq!(a("1234.5").format("vi", None), "1.234,5");
        assert_eq!(a("1234.5").format("en", None), "1,234.5");
        assert_eq!(a("96").format("vi", Some(1)), "96,0");
        assert_eq!(a("2.3451").format("en", Some(2)), "2.35");
        assert_eq!(a("-2.3451").format("en", Some(2)), "-2.35");
        assert_eq!(a("0.5").format("vi", Some(0)), "1");
    }
}
