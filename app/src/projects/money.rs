//! Money as integer fen (分): budgets and costs never touch floating point.

use crate::i18n::Key;
use serde::{Deserialize, Serialize};
use std::ops::{Add, Sub};

/// An amount of CNY in fen. Non-negative wherever it comes from people.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Default, Serialize, Deserialize)]
pub struct Fen(pub i64);

/// Larger than any community fund (¥100 million): a typo, not a budget.
const MAX: i64 = 100_000_000 * 100;

impl Fen {
    pub const ZERO: Fen = Fen(0);

    pub fn yuan(yuan: i64) -> Fen {
        Fen(yuan * 100)
    }

    /// Reads what people type: `12000`, `12,000.50`, `¥12000`, `12000 元`.
    pub fn parse(raw: &str) -> Result<Fen, Key> {
        let cleaned: String = raw
            .trim()
            .trim_start_matches(['¥', '￥'])
            .trim_end_matches('元')
            .chars()
            .filter(|c| !matches!(c, ',' | '，' | ' '))
            .collect();
        let (whole, part) = cleaned.split_once('.').unwrap_or((&cleaned, ""));
        let digits = |s: &str| !s.is_empty() && s.bytes().all(|b| b.is_ascii_digit());
        let fraction_ok = if cleaned.contains('.') { digits(part) && part.len() <= 2 } else { part.is_empty() };
        if !digits(whole) || !fraction_ok || whole.len() > 12 {
            return Err(Key::FieldMoney);
        }
        let cents = match part.len() {
            0 => 0,
            1 => part.parse::<i64>().unwrap_or(0) * 10,
            _ => part.parse::<i64>().unwrap_or(0),
        };
        let fen = whole.parse::<i64>().map_err(|_| Key::FieldMoney)? * 100 + cents;
        if fen > MAX {
            return Err(Key::FieldMoney);
        }
        Ok(Fen(fen))
    }

    /// `¥12,000.50`, or `¥12,000` for whole yuan. Both languages write CNY this way.
    pub fn shown(self) -> String {
        let sign = if self.0 < 0 { "-" } else { "" };
        let abs = self.0.unsigned_abs();
        let yuan = (abs / 100).to_string();
        let mut grouped = String::new();
        for (i, c) in yuan.chars().enumerate() {
            if i > 0 && (yuan.len() - i).is_multiple_of(3) {
                grouped.push(',');
            }
            grouped.push(c);
        }
        match abs % 100 {
            0 => format!("{sign}¥{grouped}"),
            cents => format!("{sign}¥{grouped}.{cents:02}"),
        }
    }

    pub fn checked_sub(self, other: Fen) -> Option<Fen> {
        self.0.checked_sub(other.0).map(Fen)
    }
}

impl Add for Fen {
    type Output = Fen;
    fn add(self, o: Fen) -> Fen {
        Fen(self.0 + o.0)
    }
}

impl Sub for Fen {
    type Output = Fen;
    fn sub(self, o: Fen) -> Fen {
        Fen(self.0 - o.0)
    }
}

impl std::iter::Sum for Fen {
    fn sum<I: Iterator<Item = Fen>>(iter: I) -> Fen {
        Fen(iter.map(|f| f.0).sum())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn amounts_people_type_are_read_exactly() {
        assert_eq!(Fen::parse("12000"), Ok(Fen(1_200_000)));
        assert_eq!(Fen::parse("¥12,000.5"), Ok(Fen(1_200_050)));
        assert_eq!(Fen::parse("0.07"), Ok(Fen(7)));
        assert_eq!(Fen::parse(" 3 500 元 "), Ok(Fen(350_000)));
        for bad in ["", "-5", "1.234", "abc", "1e5", "12.", ".5", "999999999999999"] {
            assert_eq!(Fen::parse(bad), Err(Key::FieldMoney), "{bad:?}");
        }
    }

    #[test]
    fn amounts_are_shown_grouped() {
        assert_eq!(Fen(1_200_050).shown(), "¥12,000.50");
        assert_eq!(Fen::yuan(1_000_000).shown(), "¥1,000,000");
        assert_eq!(Fen(5).shown(), "¥0.05");
        assert_eq!(Fen(-100).shown(), "-¥1");
    }
}
