//! 《家园》: staff put an issue together (articles in order) and publish it to the community,
//! who are told through the outbox; residents read published issues.

use super::audit::{self, AuditEvent};
use super::db::entities::{account, magazine_article, magazine_issue};
use super::notifications::{self, Notice, Topic};
use super::shown_date;
use crate::authz::{self, Action, Principal};
use crate::domain::{AnnouncementBody, AnnouncementTitle, ShortNote};
use crate::error::{AppError, AppResult};
use crate::i18n::{Key, Locale};
use crate::magazine::{ArticleView, IssueSummary, IssueView, MagazineShelf};
use crate::model::{AccountStatus, CommunityId};
use crate::services::Quarter;
use chrono::{DateTime, Utc};
use sea_orm::sea_query::Expr;
use sea_orm::{
    ActiveModelTrait, ColumnTrait, ConnectionTrait, DbErr, EntityTrait, PaginatorTrait, QueryFilter, QueryOrder,
    QuerySelect, Set,
};

async fn summary(db: &impl ConnectionTrait, i: &magazine_issue::Model) -> Result<IssueSummary, DbErr> {
    let articles =
        magazine_article::Entity::find().filter(magazine_article::Column::IssueId.eq(i.id)).count(db).await? as u32;
    Ok(IssueSummary {
        id: i.id,
        title: i.title.clone(),
        season: i.season.clone(),
        published: i.published_at.map(shown_date),
        articles,
    })
}

fn editor(who: &Principal, community: i64) -> bool {
    authz::permits(Some(who), Action::Publish { community: CommunityId(community) })
}

pub async fn shelf(db: &impl ConnectionTrait, who: &Principal) -> AppResult<MagazineShelf> {
    let community = super::projects::viewing_community(db, who).await?.ok_or(AppError::NotFound)?;
    let can_edit = editor(who, community.0);
    let mut query = magazine_issue::Entity::find().filter(magazine_issue::Column::CommunityId.eq(community.0));
    if !can_edit {
        query = query.filter(magazine_issue::Column::PublishedAt.is_not_null());
    }
    let mut issues = vec![];
    for i in
        query.order_by_desc(magazine_issue::Column::Season).order_by_desc(magazine_issue::Column::Id).all(db).await?
    {
        issues.push(summary(db, &i).await?);
    }
    Ok(MagazineShelf { issues, can_edit })
}

/// A published issue for its community; a draft only for its editors.
async fn visible(db: &impl ConnectionTrait, who: &Principal, id: i64) -> AppResult<magazine_issue::Model> {
    let i = magazine_issue::Entity::find_by_id(id).one(db).await?.ok_or(AppError::NotFound)?;
    let community = CommunityId(i.community_id);
    let home = who.community == Some(community) || authz::console_communities(who).contains(community);
    if !home || (i.published_at.is_none() && !editor(who, i.community_id)) {
        return Err(AppError::NotFound);
    }
    Ok(i)
}

pub async fn issue(db: &impl ConnectionTrait, who: &Principal, id: i64) -> AppResult<IssueView> {
    let i = visible(db, who, id).await?;
    let articles = magazine_article::Entity::find()
        .filter(magazine_article::Column::IssueId.eq(id))
        .order_by_asc(magazine_article::Column::Position)
        .all(db)
        .await?
        .into_iter()
        .map(|a| ArticleView { id: a.id, title: a.title, byline: a.byline, body: a.body })
        .collect();
    Ok(IssueView {
        summary: summary(db, &i).await?,
        can_edit: i.published_at.is_none() && editor(who, i.community_id),
        intro: i.intro,
        articles,
    })
}

/// Staff start an issue for a quarter; it stays a draft until published.
pub async fn start(
    db: &impl ConnectionTrait,
    who: &Principal,
    title: AnnouncementTitle,
    season: Quarter,
    intro: AnnouncementBody,
    now: DateTime<Utc>,
) -> AppResult<i64> {
    let community = super::projects::viewing_community(db, who).await?.ok_or(AppError::Forbidden)?;
    authz::authorize(Some(who), Action::Publish { community })?;
    let row = magazine_issue::ActiveModel {
        community_id: Set(community.0),
        title: Set(title.into_inner()),
        season: Set(season.to_string()),
        intro: Set(intro.into_inner()),
        created_by: Set(who.account.0),
        published_at: Set(None),
        created_at: Set(now),
        ..Default::default()
    }
    .insert(db)
    .await?;
    Ok(row.id)
}

async fn draft_for(db: &impl ConnectionTrait, who: &Principal, id: i64) -> AppResult<magazine_issue::Model> {
    let i = visible(db, who, id).await?;
    authz::authorize(Some(who), Action::Publish { community: CommunityId(i.community_id) })?;
    if i.published_at.is_some() {
        return Err(AppError::Conflict(Key::ErrIssuePublished));
    }
    Ok(i)
}

/// Adds an article at the end of a draft issue.
pub async fn add_article(
    db: &impl ConnectionTrait,
    who: &Principal,
    issue: i64,
    title: AnnouncementTitle,
    byline: ShortNote,
    body: AnnouncementBody,
    now: DateTime<Utc>,
) -> AppResult<()> {
    draft_for(db, who, issue).await?;
    let position =
        magazine_article::Entity::find().filter(magazine_article::Column::IssueId.eq(issue)).count(db).await? as i32;
    magazine_article::ActiveModel {
        issue_id: Set(issue),
        position: Set(position + 1),
        title: Set(title.into_inner()),
        byline: Set(byline.into_inner()),
        body: Set(body.into_inner()),
        created_at: Set(now),
        ..Default::default()
    }
    .insert(db)
    .await?;
    Ok(())
}

/// Publishes a draft with at least one article and tells the community; audited.
pub async fn publish(db: &impl ConnectionTrait, who: &Principal, id: i64, now: DateTime<Utc>) -> AppResult<()> {
    let i = draft_for(db, who, id).await?;
    if magazine_article::Entity::find().filter(magazine_article::Column::IssueId.eq(id)).count(db).await? == 0 {
        return Err(AppError::Conflict(Key::ErrIssueEmpty));
    }
    magazine_issue::Entity::update_many()
        .col_expr(magazine_issue::Column::PublishedAt, Expr::value(now))
        .filter(magazine_issue::Column::Id.eq(id))
        .exec(db)
        .await?;
    let readers: Vec<i64> = account::Entity::find()
        .select_only()
        .column(account::Column::Id)
        .filter(account::Column::CommunityId.eq(i.community_id))
        .filter(account::Column::Status.eq(AccountStatus::Verified.as_str()))
        .into_tuple()
        .all(db)
        .await?;
    let url = format!("/magazine/{id}");
    let text = |l: Locale| (Key::NotifyMagazine.text(l).to_owned(), i.title.clone());
    let notice = Notice { topic: Topic::Announcements, urgent: false, url: &url, text: &text };
    notifications::notify(db, &readers, notice, now).await?;
    let event = AuditEvent {
        actor: who.account.0,
        action: "magazine.publish",
        object_type: "magazine_issue",
        object_id: Some(id),
        community: Some(i.community_id),
        reason: None,
    };
    audit::record(db, event, now).await?;
    Ok(())
}
