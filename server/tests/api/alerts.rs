use crate::helpers::TestApp;
use crate::on_both_backends;
use app::alerts::AlertFeed;
use app::error::AppError;
use app::i18n::Key;
use app::ssr::db::entities::{audit_entry, notification};
use reqwest::StatusCode;
use sea_orm::{ColumnTrait, EntityTrait, PaginatorTrait, QueryFilter};

async fn told(app: &TestApp, email: &str) -> u64 {
    let id = app.account_id(email).await;
    notification::Entity::find()
        .filter(notification::Column::RecipientId.eq(id))
        .filter(notification::Column::Topic.eq("alerts"))
        .count(&app.state.db)
        .await
        .unwrap()
}

on_both_backends! {
    async fn an_alert_tells_the_building_at_once_and_replies_tell_nobody(app) {
        let resident = app.signed_in("resident1@demo.jiayuan").await;
        resident.call("alerts/post", &[("body", "1栋电梯停运，请走楼梯")]).await.assert_ok();
        for neighbour in ["resident2@demo.jiayuan", "resident3@demo.jiayuan", "volunteer1@demo.jiayuan"] {
            assert_eq!(told(&app, neighbour).await, 1, "{neighbour}");
        }
        for elsewhere in ["resident4@demo.jiayuan", "pending1@demo.jiayuan", "resident1@demo.jiayuan"] {
            assert_eq!(told(&app, elsewhere).await, 0, "{elsewhere}");
        }
        let feed: AlertFeed = app.signed_in("resident4@demo.jiayuan").await.call("alerts/feed", &[]).await.json();
        assert!(feed.alerts.is_empty(), "building 2 does not see building 1's alert");

        let neighbour = app.signed_in("resident2@demo.jiayuan").await;
        let feed: AlertFeed = neighbour.call("alerts/feed", &[]).await.json();
        let id = feed.alerts[0].id.to_string();
        let before = notification::Entity::find().count(&app.state.db).await.unwrap();
        neighbour.call("alerts/reply", &[("id", &id), ("body", "收到，谢谢提醒")]).await.assert_ok();
        assert_eq!(notification::Entity::find().count(&app.state.db).await.unwrap(), before, "a reply notifies nobody");
        let feed: AlertFeed = resident.call("alerts/feed", &[]).await.json();
        assert_eq!(feed.alerts[0].replies[0].body, "收到，谢谢提醒");
    }

    async fn only_verified_residents_post_and_only_staff_reach_the_whole_community(app) {
        let long = "长".repeat(141);
        let resident = app.signed_in("resident1@demo.jiayuan").await;
        assert_eq!(resident.call("alerts/post", &[("body", long.as_str())]).await.error().field("body"), Some(Key::FieldAlertLength));
        assert_eq!(resident.call("alerts/post", &[("body", "全社区注意"), ("whole_community", "yes")]).await.status, StatusCode::FORBIDDEN);
        let pending = app.signed_in("pending1@demo.jiayuan").await;
        assert_eq!(pending.call("alerts/post", &[("body", "有人推销")]).await.error(), AppError::NotVerified);
        assert_eq!(notification::Entity::find().count(&app.state.db).await.unwrap(), 0);

        let staff = app.signed_in("staff1@demo.jiayuan").await;
        staff.call("alerts/post", &[("body", "今晚 8 点停水"), ("whole_community", "yes")]).await.assert_ok();
        for email in ["resident1@demo.jiayuan", "resident4@demo.jiayuan", "committee1@demo.jiayuan"] {
            assert_eq!(told(&app, email).await, 1, "{email}");
        }
        assert_eq!(told(&app, "pending1@demo.jiayuan").await, 0);
    }

    async fn residents_report_and_staff_hide_with_a_logged_reason(app) {
        let resident = app.signed_in("resident1@demo.jiayuan").await;
        resident.call("alerts/post", &[("body", "加微信领鸡蛋")]).await.assert_ok();
        let neighbour = app.signed_in("resident2@demo.jiayuan").await;
        let feed: AlertFeed = neighbour.call("alerts/feed", &[]).await.json();
        let id = feed.alerts[0].id.to_string();
        neighbour.call("alerts/report", &[("id", &id)]).await.assert_ok();
        assert_eq!(neighbour.call("alerts/report", &[("id", &id)]).await.error(), AppError::Conflict(Key::ErrAlreadyReported));

        assert_eq!(neighbour.call("alerts/hide", &[("id", &id), ("reason", "疑似诈骗")]).await.status, StatusCode::FORBIDDEN);
        let staff = app.signed_in("staff1@demo.jiayuan").await;
        let seen: AlertFeed = staff.call("alerts/feed", &[]).await.json();
        assert_eq!(seen.alerts[0].reports, Some(1));
        staff.call("alerts/hide", &[("id", &id), ("reason", "疑似诈骗")]).await.assert_ok();
        let after: AlertFeed = neighbour.call("alerts/feed", &[]).await.json();
        assert!(after.alerts.is_empty(), "hidden alerts leave residents' feeds");
        let logged = audit_entry::Entity::find().filter(audit_entry::Column::Action.eq("alert.hide")).one(&app.state.db).await.unwrap().unwrap();
        assert_eq!(logged.reason.as_deref(), Some("疑似诈骗"));
        assert_eq!(neighbour.call("alerts/reply", &[("id", &id), ("body", "?")]).await.status, StatusCode::NOT_FOUND);
    }
}
