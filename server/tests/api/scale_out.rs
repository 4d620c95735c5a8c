//! Two app servers on one database, as behind a load balancer: a session made on one holds
//! on the other, a request posted through one is on the volunteer board the other serves,
//! and timers running on both at once act once. (Push dispatch on two servers at once:
//! `push::two_dispatchers_deliver_every_message_exactly_once`.)

use crate::helpers::Client;
use crate::on_both_backends;
use app::ssr::db::entities::{help_event, notification};
use sea_orm::{ColumnTrait, EntityTrait, PaginatorTrait, QueryFilter, QueryOrder};

/// The same browser, talking to another server.
fn on(client: &Client, server: &crate::helpers::TestApp) -> Client {
    Client { http: client.http.clone(), base: server.address.clone() }
}

on_both_backends! {
    async fn two_servers_share_sessions_requests_and_timers(app) {
        let other = app.restart().await;
        let wang = app.signed_in("resident1@demo.jiayuan").await;
        let viewer = on(&wang, &other).viewer().await.expect("signed in on the other server too");
        assert_eq!(viewer.name, "王阿姨");

        wang.call("help/post", &[("category", "errand"), ("urgency", "urgent"), ("description", "两台服务器测试：请帮忙买药"), ("key", "scale-out-help-1")]).await.assert_ok();
        let volunteer = other.signed_in("volunteer1@demo.jiayuan").await;
        let board = volunteer.get("/volunteer").await;
        assert!(board.body.contains("两台服务器测试：请帮忙买药"), "the other server's board shows it");

        // Ten minutes unclaimed: both servers' timers fire at the same moment.
        let told_before = notification::Entity::find().count(&app.state.db).await.unwrap();
        app.clock.advance(chrono::Duration::minutes(11));
        let (one, two) = tokio::join!(app.run_timers(), other.run_timers());
        assert_eq!(one.escalated + two.escalated, 1, "escalated once: {one:?} {two:?}");
        let escalations = help_event::Entity::find().filter(help_event::Column::Kind.eq("escalated_neighbours")).count(&app.state.db).await.unwrap();
        assert_eq!(escalations, 1);
        let new: Vec<i64> = notification::Entity::find().order_by_asc(notification::Column::Id).all(&app.state.db).await.unwrap().into_iter().skip(told_before as usize).map(|n| n.recipient_id).collect();
        let mut distinct = new.clone();
        distinct.sort();
        distinct.dedup();
        assert!(!new.is_empty(), "the neighbours' volunteers are told");
        assert_eq!(distinct.len(), new.len(), "nobody told twice: {new:?}");
    }

    async fn sixteen_residents_writing_at_once_all_succeed(app) {
        // The production pool size, and every posting limit out of the way.
        let app = app.unlimited().await.restart_with(|s| s.database.max_connections = 8).await;
        let mut writers = tokio::task::JoinSet::new();
        let emails = ["resident1", "resident2", "resident3", "resident4", "resident5", "volunteer1", "volunteer2", "committee1"];
        for w in 0..16 {
            let client = app.signed_in(&format!("{}@demo.jiayuan", emails[w % emails.len()])).await;
            writers.spawn(async move {
                let mut failures = vec![];
                for i in 0..10 {
                    let key = format!("writer-{w:02}-{i:02}");
                    let form = [("category", "errand"), ("urgency", "today"), ("description", "并发写入测试：请帮忙"), ("key", key.as_str())];
                    let reply = client.call("help/post", &form).await;
                    if !reply.status.is_success() {
                        failures.push(format!("{}: {}", reply.status, reply.body));
                    }
                }
                failures
            });
        }
        let mut failures = vec![];
        while let Some(done) = writers.join_next().await {
            failures.extend(done.unwrap());
        }
        assert!(failures.is_empty(), "{failures:?}");
        let written = app::ssr::db::entities::help_request::Entity::find().count(&app.state.db).await.unwrap();
        assert_eq!(written, 160);
    }
}
