//! 《家园》, the community's quarterly magazine: an issue is a cover and a set of articles,
//! prepared by the service centre and published to the community.

use serde::{Deserialize, Serialize};

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct IssueSummary {
    pub id: i64,
    pub title: String,
    /// The quarter it covers, e.g. `2026Q4`; it also picks the cover's colour.
    pub season: String,
    pub published: Option<String>,
    pub articles: u32,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct MagazineShelf {
    pub issues: Vec<IssueSummary>,
    pub can_edit: bool,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ArticleView {
    pub id: i64,
    pub title: String,
    pub byline: String,
    pub body: String,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct IssueView {
    pub summary: IssueSummary,
    pub intro: String,
    pub articles: Vec<ArticleView>,
    /// Staff, while it is not yet published: add articles, publish.
    pub can_edit: bool,
}

/// The cover's colour for a quarter: spring green, summer blue, autumn amber, winter red.
pub fn season_colour(season: &str) -> &'static str {
    match season.rsplit(['Q', 'q']).next() {
        Some("1") => "#1a7f37",
        Some("2") => "#0969da",
        Some("3") => "#9a6700",
        _ => "#b3261e",
    }
}
