//! Supervision 监督职能: the residents' committee reads the ratings of the contracted service
//! centre per service project and per quarter — average, count, trend against the quarter
//! before, and the lowest-rated comments, which say most about what to fix.

use crate::i18n::Key;
use serde::{Deserialize, Serialize};
use std::fmt;

/// A calendar quarter in Shenzhen time, e.g. `2026Q4`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
pub struct Quarter {
    pub year: i32,
    /// 1..=4
    pub q: u8,
}

impl Quarter {
    pub fn of_month(year: i32, month: u32) -> Quarter {
        Quarter { year, q: ((month.clamp(1, 12) - 1) / 3 + 1) as u8 }
    }

    pub fn parse(raw: &str) -> Result<Quarter, Key> {
        let (year, q) = raw.trim().split_once(['Q', 'q']).ok_or(Key::FieldQuarter)?;
        let year: i32 = year.parse().map_err(|_| Key::FieldQuarter)?;
        let q: u8 = q.parse().map_err(|_| Key::FieldQuarter)?;
        if !(2000..=2100).contains(&year) || !(1..=4).contains(&q) {
            return Err(Key::FieldQuarter);
        }
        Ok(Quarter { year, q })
    }

    pub fn previous(self) -> Quarter {
        if self.q == 1 { Quarter { year: self.year - 1, q: 4 } } else { Quarter { year: self.year, q: self.q - 1 } }
    }

    /// First month and the month after the last, for querying a date range.
    pub fn months(self) -> (u32, u32) {
        let first = (self.q as u32 - 1) * 3 + 1;
        (first, first + 3)
    }
}

impl fmt::Display for Quarter {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}Q{}", self.year, self.q)
    }
}

/// One rating of a finished request.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Rated {
    pub service_id: i64,
    pub quarter: Quarter,
    pub stars: u8,
    pub comment: Option<String>,
}

/// One service project's line in the supervision table.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ServiceQuarter {
    pub service_id: i64,
    pub name: String,
    pub count: u32,
    pub average: Option<f64>,
    pub previous_average: Option<f64>,
    /// The lowest-rated comments of the quarter, worst first (at most `LOWEST`).
    pub lowest: Vec<(u8, String)>,
}

impl ServiceQuarter {
    /// Change of the average against the quarter before, when both have ratings.
    pub fn trend(&self) -> Option<f64> {
        Some(self.average? - self.previous_average?)
    }
}

pub const LOWEST: usize = 3;

fn average(stars: impl Iterator<Item = u8>) -> Option<f64> {
    let (sum, n) = stars.fold((0u32, 0u32), |(s, n), x| (s + x as u32, n + 1));
    (n > 0).then(|| sum as f64 / n as f64)
}

/// The table for `quarter`: every service, rated or not, in the order given.
pub fn supervise(services: &[(i64, String)], ratings: &[Rated], quarter: Quarter) -> Vec<ServiceQuarter> {
    let previous = quarter.previous();
    services
        .iter()
        .map(|(id, name)| {
            let of = |q: Quarter| ratings.iter().filter(move |r| r.service_id == *id && r.quarter == q);
            let mut commented: Vec<(u8, String)> =
                of(quarter).filter_map(|r| Some((r.stars, r.comment.clone().filter(|c| !c.is_empty())?))).collect();
            commented.sort_by_key(|(stars, _)| *stars);
            commented.truncate(LOWEST);
            ServiceQuarter {
                service_id: *id,
                name: name.clone(),
                count: of(quarter).count() as u32,
                average: average(of(quarter).map(|r| r.stars)),
                previous_average: average(of(previous).map(|r| r.stars)),
                lowest: commented,
            }
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    const Q4: Quarter = Quarter { year: 2026, q: 4 };
    const Q3: Quarter = Quarter { year: 2026, q: 3 };

    fn rated(service_id: i64, quarter: Quarter, stars: u8, comment: &str) -> Rated {
        Rated { service_id, quarter, stars, comment: Some(comment.to_owned()) }
    }

    #[test]
    fn quarters_parse_print_and_step_back() {
        assert_eq!(Quarter::parse("2026Q4"), Ok(Q4));
        assert_eq!(Q4.to_string(), "2026Q4");
        assert_eq!(Quarter::parse("2026Q5"), Err(Key::FieldQuarter));
        assert_eq!(Quarter::parse("Q4"), Err(Key::FieldQuarter));
        assert_eq!(Quarter { year: 2026, q: 1 }.previous(), Quarter { year: 2025, q: 4 });
        assert_eq!(Quarter::of_month(2026, 11), Q4);
        assert_eq!(Quarter::of_month(2026, 1).months(), (1, 4));
    }

    #[test]
    fn averages_trends_and_the_worst_comments() {
        let services = vec![(1, "长者服务".to_owned()), (2, "法律援助".to_owned())];
        let ratings = vec![
            rated(1, Q4, 5, "很好"),
            rated(1, Q4, 2, "来晚了"),
            rated(1, Q4, 1, "没人接电话"),
            rated(1, Q4, 4, ""),
            rated(1, Q4, 3, "一般"),
            rated(1, Q3, 2, "上季度"),
            rated(2, Q3, 5, "只在上季度"),
        ];
        let table = supervise(&services, &ratings, Q4);
        let elderly = &table[0];
        assert_eq!(elderly.count, 5);
        assert_eq!(elderly.average, Some(3.0));
        assert_eq!(elderly.previous_average, Some(2.0));
        assert_eq!(elderly.trend(), Some(1.0));
        assert_eq!(
            elderly.lowest,
            vec![(1, "没人接电话".to_owned()), (2, "来晚了".to_owned()), (3, "一般".to_owned())]
        );
        let legal = &table[1];
        assert_eq!((legal.count, legal.average, legal.trend()), (0, None, None));
        assert_eq!(legal.previous_average, Some(5.0));
    }
}
