//! Comments: posting with a stance, one level of replies, reports, and moderation that hides
//! with a logged reason (never deletes, so a thread stays readable). The subject decides who
//! may see and take part; everything else is the same for every subject.

use super::audit::{self, AuditEvent};
use super::db::entities::{comment, comment_report};
use super::notifications::{self, Notice, Topic};
use super::shown_time as local;
use super::{forum, projects};
use crate::authz::{self, Action, Principal};
use crate::deliberation::{CommentView, Stance, StanceCounts, Subject, Thread};
use crate::domain::{CommentBody, Reason};
use crate::error::{AppError, AppResult};
use crate::i18n::{Key, Locale};
use crate::model::CommunityId;
use chrono::{DateTime, Utc};
use sea_orm::sea_query::{Expr, OnConflict};
use sea_orm::{ActiveModelTrait, ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter, QueryOrder, QuerySelect, Set};
use std::collections::HashMap;

/// Who a subject belongs to, once the caller may see it.
struct Owner {
    community: CommunityId,
    author: i64,
    title: String,
    url: String,
    /// The notification topic its conversation goes under.
    topic: Topic,
}

async fn owner(db: &impl ConnectionTrait, who: &Principal, subject: Subject) -> AppResult<Owner> {
    match subject {
        Subject::Proposal(id) => {
            let p = projects::visible(db, who, id).await?;
            Ok(Owner {
                community: CommunityId(p.community_id),
                author: p.author_id,
                title: p.title,
                url: format!("/projects/{id}"),
                topic: Topic::Proposals,
            })
        }
        Subject::Topic(id) => {
            let t = forum::visible(db, who, id).await?;
            Ok(Owner {
                community: CommunityId(t.community_id),
                author: t.author_id,
                title: t.title,
                url: format!("/forum/{id}"),
                topic: Topic::Forum,
            })
        }
    }
}

pub struct NewComment {
    pub subject: Subject,
    pub parent: Option<i64>,
    pub stance: Option<Stance>,
    pub body: CommentBody,
}

/// A verified resident of the subject's community comments or replies. The subject's author
/// and the person answered hear of it.
pub async fn post(db: &impl ConnectionTrait, who: &Principal, new: NewComment, now: DateTime<Utc>) -> AppResult<i64> {
    let owner = owner(db, who, new.subject).await?;
    authz::authorize(Some(who), Action::Participate { community: owner.community })?;
    let mut told = vec![owner.author];
    if let Some(parent) = new.parent {
        let parent = comment::Entity::find_by_id(parent).one(db).await?;
        // Replies go one level deep, under a comment of the same subject.
        let Some(parent) = parent.filter(|c| {
            c.subject_kind == new.subject.kind() && c.subject_id == new.subject.id() && c.parent_id.is_none()
        }) else {
            return Err(AppError::invalid("parent", Key::FieldCommentParent));
        };
        told.push(parent.author_id);
    }
    let row = comment::ActiveModel {
        subject_kind: Set(new.subject.kind().to_owned()),
        subject_id: Set(new.subject.id()),
        community_id: Set(owner.community.0),
        author_id: Set(who.account.0),
        parent_id: Set(new.parent),
        // A reply answers; it does not take a side of its own.
        stance: Set(new
            .stance
            .filter(|_| new.parent.is_none() && new.subject.takes_stances())
            .map(|s| s.as_str().to_owned())),
        body: Set(new.body.into_inner()),
        reports: Set(0),
        hidden_at: Set(None),
        hidden_by: Set(None),
        hidden_reason: Set(None),
        created_at: Set(now),
        ..Default::default()
    }
    .insert(db)
    .await?;
    if let Subject::Topic(topic) = new.subject {
        forum::replied(db, topic, now).await?;
    }
    told.retain(|id| *id != who.account.0);
    told.dedup();
    let title = owner.title;
    let text = move |l: Locale| (Key::NotifyNewComment.text(l).to_owned(), title.clone());
    let notice = Notice { topic: owner.topic, urgent: false, url: &owner.url, text: &text };
    notifications::notify(db, &told, notice, now).await?;
    Ok(row.id)
}

async fn load(db: &impl ConnectionTrait, who: &Principal, id: i64) -> AppResult<(comment::Model, Owner)> {
    let c = comment::Entity::find_by_id(id).one(db).await?.ok_or(AppError::NotFound)?;
    let subject = Subject::parse(&c.subject_kind, c.subject_id).ok_or(AppError::NotFound)?;
    let owner = owner(db, who, subject).await?;
    Ok((c, owner))
}

/// A neighbour flags a comment for the moderators, once.
pub async fn report(
    db: &impl ConnectionTrait,
    who: &Principal,
    id: i64,
    reason: Option<Reason>,
    now: DateTime<Utc>,
) -> AppResult<()> {
    let (c, owner) = load(db, who, id).await?;
    authz::authorize(Some(who), Action::Participate { community: owner.community })?;
    if c.author_id == who.account.0 {
        return Err(AppError::Forbidden);
    }
    let inserted = comment_report::Entity::insert(comment_report::ActiveModel {
        comment_id: Set(id),
        account_id: Set(who.account.0),
        reason: Set(reason.map(Reason::into_inner)),
        created_at: Set(now),
    })
    .on_conflict(
        OnConflict::columns([comment_report::Column::CommentId, comment_report::Column::AccountId])
            .do_nothing()
            .to_owned(),
    )
    .exec_without_returning(db)
    .await?;
    if inserted == 0 {
        return Err(AppError::Conflict(Key::ErrAlreadyReported));
    }
    use sea_orm::sea_query::ExprTrait as _;
    comment::Entity::update_many()
        .col_expr(comment::Column::Reports, Expr::col(comment::Column::Reports).add(1))
        .filter(comment::Column::Id.eq(id))
        .exec(db)
        .await?;
    Ok(())
}

/// A moderator hides a comment, saying why; the reason is shown in its place and logged.
pub async fn hide(
    db: &impl ConnectionTrait,
    who: &Principal,
    id: i64,
    reason: Reason,
    now: DateTime<Utc>,
) -> AppResult<()> {
    let (c, owner) = load(db, who, id).await?;
    authz::authorize(Some(who), Action::Moderate { community: owner.community })?;
    if c.hidden_at.is_some() {
        return Err(AppError::Conflict(Key::ErrAlreadyHidden));
    }
    let reason = reason.into_inner();
    comment::Entity::update_many()
        .col_expr(comment::Column::HiddenAt, Expr::value(now))
        .col_expr(comment::Column::HiddenBy, Expr::value(who.account.0))
        .col_expr(comment::Column::HiddenReason, Expr::value(reason.clone()))
        .filter(comment::Column::Id.eq(id))
        .exec(db)
        .await?;
    let hidden = Hidden {
        action: "comment_hidden",
        object_type: "comment",
        id,
        community: owner.community,
        author: c.author_id,
        url: &owner.url,
        topic: owner.topic,
        told: Key::NotifyCommentHidden,
    };
    record_hiding(db, who, hidden, reason, now).await
}

/// Something a moderator just hid, for the log and its author.
pub(super) struct Hidden<'a> {
    pub action: &'static str,
    pub object_type: &'static str,
    pub id: i64,
    pub community: CommunityId,
    pub author: i64,
    pub url: &'a str,
    pub topic: Topic,
    pub told: Key,
}

/// Every hiding is audited with its reason, and its author is told why.
pub(super) async fn record_hiding(
    db: &impl ConnectionTrait,
    who: &Principal,
    hidden: Hidden<'_>,
    reason: String,
    now: DateTime<Utc>,
) -> AppResult<()> {
    let event = AuditEvent {
        actor: who.account.0,
        action: hidden.action,
        object_type: hidden.object_type,
        object_id: Some(hidden.id),
        community: Some(hidden.community.0),
        reason: Some(&reason),
    };
    audit::record(db, event, now).await?;
    let told = hidden.told;
    let text = move |l: Locale| (told.text(l).to_owned(), reason.clone());
    let notice = Notice { topic: hidden.topic, urgent: false, url: hidden.url, text: &text };
    notifications::notify(db, &[hidden.author], notice, now).await?;
    Ok(())
}

/// A subject's comments as the caller may see them: hidden ones show only why.
pub async fn thread(db: &impl ConnectionTrait, who: &Principal, subject: Subject) -> AppResult<Thread> {
    let owner = owner(db, who, subject).await?;
    let can_moderate = authz::permits(Some(who), Action::Moderate { community: owner.community });
    let rows = comment::Entity::find()
        .filter(comment::Column::SubjectKind.eq(subject.kind()))
        .filter(comment::Column::SubjectId.eq(subject.id()))
        .order_by_asc(comment::Column::Id)
        .limit(500)
        .all(db)
        .await?;
    let ids: Vec<i64> = rows.iter().map(|c| c.id).collect();
    let reported: Vec<i64> = comment_report::Entity::find()
        .select_only()
        .column(comment_report::Column::CommentId)
        .filter(comment_report::Column::AccountId.eq(who.account.0))
        .filter(comment_report::Column::CommentId.is_in(ids))
        .into_tuple()
        .all(db)
        .await?;
    let mut names: HashMap<i64, String> = HashMap::new();
    let mut counts = StanceCounts::default();
    let mut top: Vec<CommentView> = vec![];
    let mut replies: HashMap<i64, Vec<CommentView>> = HashMap::new();
    for c in rows {
        if let std::collections::hash_map::Entry::Vacant(name) = names.entry(c.author_id) {
            name.insert(super::accounts::display_name(db, c.author_id).await?);
        }
        let stance = c.stance.as_deref().and_then(Stance::parse);
        if c.hidden_at.is_none() {
            match stance {
                Some(Stance::For) => counts.for_ += 1,
                Some(Stance::Against) => counts.against += 1,
                Some(Stance::Question) => counts.question += 1,
                None => {}
            }
        }
        let hidden = c.hidden_at.is_some();
        let view = CommentView {
            id: c.id,
            author: names[&c.author_id].clone(),
            stance,
            body: if hidden { String::new() } else { c.body },
            hidden_reason: if hidden { Some(c.hidden_reason.unwrap_or_default()) } else { None },
            when: local(c.created_at),
            mine: c.author_id == who.account.0,
            i_reported: reported.contains(&c.id),
            reports: if can_moderate { c.reports as u32 } else { 0 },
            replies: vec![],
        };
        match c.parent_id {
            Some(parent) => replies.entry(parent).or_default().push(view),
            None => top.push(view),
        }
    }
    for c in &mut top {
        c.replies = replies.remove(&c.id).unwrap_or_default();
    }
    Ok(Thread {
        comments: top,
        counts,
        can_comment: authz::permits(Some(who), Action::Participate { community: owner.community }),
        can_moderate,
    })
}
