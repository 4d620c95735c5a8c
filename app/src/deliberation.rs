//! Comments on proposals and forum topics (DOMAIN.md §2 deliberation, §3 forum): one
//! pattern for both — stances, one level of replies, reports, moderation with a reason.

use crate::i18n::Key;
use serde::{Deserialize, Serialize};

/// What a comment is about: a proposal's deliberation or a forum topic's replies.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum Subject {
    Proposal(i64),
    Topic(i64),
}

impl Subject {
    pub fn kind(self) -> &'static str {
        match self {
            Subject::Proposal(_) => "proposal",
            Subject::Topic(_) => "topic",
        }
    }

    pub fn id(self) -> i64 {
        match self {
            Subject::Proposal(id) | Subject::Topic(id) => id,
        }
    }

    pub fn parse(kind: &str, id: i64) -> Option<Subject> {
        match kind {
            "proposal" => Some(Subject::Proposal(id)),
            "topic" => Some(Subject::Topic(id)),
            _ => None,
        }
    }

    /// Stances belong to deliberation on proposals; the forum just talks.
    pub fn takes_stances(self) -> bool {
        matches!(self, Subject::Proposal(_))
    }
}

/// Where a comment on a proposal stands; forum posts have none.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum Stance {
    For,
    Against,
    Question,
}

impl Stance {
    pub const ALL: [Stance; 3] = [Stance::For, Stance::Against, Stance::Question];

    pub fn as_str(self) -> &'static str {
        match self {
            Stance::For => "for",
            Stance::Against => "against",
            Stance::Question => "question",
        }
    }

    pub fn parse(raw: &str) -> Option<Stance> {
        Stance::ALL.into_iter().find(|s| s.as_str() == raw)
    }

    pub fn label(self) -> Key {
        match self {
            Stance::For => Key::StanceFor,
            Stance::Against => Key::StanceAgainst,
            Stance::Question => Key::StanceQuestion,
        }
    }
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct CommentView {
    pub id: i64,
    /// Display name only: never a unit or a phone number.
    pub author: String,
    pub stance: Option<Stance>,
    /// Empty when hidden; `hidden_reason` says why instead.
    pub body: String,
    pub hidden_reason: Option<String>,
    pub when: String,
    pub mine: bool,
    pub i_reported: bool,
    /// Shown to moderators only.
    pub reports: u32,
    pub replies: Vec<CommentView>,
}

/// A subject's comments, oldest first, replies under their comment.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Thread {
    pub comments: Vec<CommentView>,
    pub counts: StanceCounts,
    pub can_comment: bool,
    pub can_moderate: bool,
}

#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct StanceCounts {
    pub for_: u32,
    pub against: u32,
    pub question: u32,
}

/// A forum topic in the list.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct TopicSummary {
    pub id: i64,
    pub title: String,
    pub author: String,
    pub replies: u32,
    pub last_activity: String,
}

/// The forum's first page (latest activity first) and whether the viewer may post.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ForumPage {
    pub topics: Vec<TopicSummary>,
    pub page: u32,
    pub more: bool,
    pub can_post: bool,
}

/// One topic; its replies come as a `Thread`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct TopicView {
    pub id: i64,
    pub title: String,
    /// Empty when hidden; `hidden_reason` says why instead.
    pub body: String,
    pub hidden_reason: Option<String>,
    pub author: String,
    pub when: String,
    pub can_moderate: bool,
}
