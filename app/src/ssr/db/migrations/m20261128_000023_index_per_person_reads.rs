use sea_orm_migration::prelude::*;

#[derive(DeriveMigrationName)]
pub struct Migration;

/// Reads of one person's rows that every request of theirs makes, unindexed until the first
/// benchmark (issue 9) ran them against a street of a million help requests:
/// - a volunteer's tally (requests they resolved, minutes given), on their board and their
///   page: 1.2 s a call, read from the index alone now that it holds the minutes;
/// - the posting limits, which count what the person wrote in the last hour or day before
///   each help request, alert, reply, comment, topic or support: 100 ms a help request.
const INDEXES: &[(&str, &str, &[&str])] = &[
    ("ix_help_requests_volunteer_tally", "help_requests", &["volunteer_id", "state", "volunteer_minutes"]),
    ("ix_help_requests_posted_by", "help_requests", &["created_by", "created_at"]),
    ("ix_watch_alerts_author", "watch_alerts", &["author_id", "created_at"]),
    ("ix_alert_replies_author", "alert_replies", &["author_id", "created_at"]),
    ("ix_comments_author", "comments", &["author_id", "created_at"]),
    ("ix_forum_topics_author", "forum_topics", &["author_id", "created_at"]),
    ("ix_proposal_supports_account", "proposal_supports", &["account_id", "created_at"]),
];

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        for (name, table, columns) in INDEXES {
            let mut index = Index::create();
            index.name(*name).table(Alias::new(*table));
            for column in *columns {
                index.col(Alias::new(*column));
            }
            manager.create_index(index.to_owned()).await?;
        }
        Ok(())
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        for (name, table, _) in INDEXES {
            manager.drop_index(Index::drop().name(*name).table(Alias::new(*table)).to_owned()).await?;
        }
        Ok(())
    }
}
