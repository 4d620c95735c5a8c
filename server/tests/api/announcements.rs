use crate::helpers::TestApp;
use crate::on_both_backends;
use app::announcements::{AnnouncementList, AnnouncementView};
use app::error::AppError;
use app::i18n::Key;
use app::ssr::db::entities::{account, announcement, audit_entry, building, notification};
use sea_orm::{ColumnTrait, EntityTrait, PaginatorTrait, QueryFilter, QueryOrder};

/// The building a demo resident lives in.
async fn building_of(app: &TestApp, email: &str) -> i64 {
    let home = account::Entity::find().filter(account::Column::Email.eq(email)).one(&app.state.db).await.unwrap();
    home.unwrap().building_id.unwrap()
}

async fn latest(app: &TestApp) -> announcement::Model {
    announcement::Entity::find().order_by_desc(announcement::Column::Id).one(&app.state.db).await.unwrap().unwrap()
}

on_both_backends! {
    async fn a_building_announcement_reaches_that_building_only_and_the_sender_sees_progress(app) {
        let staff = app.signed_in("staff1@demo.jiayuan").await;
        let building1 = building_of(&app, "resident1@demo.jiayuan").await.to_string();
        let form = [
            ("title", "1栋周四停水通知"),
            ("body", "因管道检修，1栋周四 9:00–15:00 停水，请提前储水。"),
            ("building", building1.as_str()),
            ("push", "on"),
        ];
        staff.call("announcements/publish", &form).await.assert_ok();
        let a = latest(&app).await;
        let in_building1 = account::Entity::find()
            .filter(account::Column::BuildingId.eq(a.building_id.unwrap()))
            .filter(account::Column::Status.eq("verified"))
            .count(&app.state.db)
            .await
            .unwrap();
        assert_eq!(a.recipients as u64, in_building1, "every verified resident of building 1");
        let sent = notification::Entity::find()
            .filter(notification::Column::Url.eq(format!("/announcements/{}", a.id)))
            .count(&app.state.db)
            .await
            .unwrap();
        assert_eq!(sent, in_building1);

        let id = a.id.to_string();
        let wang = app.signed_in("resident1@demo.jiayuan").await;
        let chen = app.signed_in("resident4@demo.jiayuan").await;
        let mine: AnnouncementList = wang.call("announcements/list", &[]).await.json();
        assert_eq!(mine.items[0].title, "1栋周四停水通知");
        assert!(!mine.can_publish);
        let theirs: AnnouncementList = chen.call("announcements/list", &[]).await.json();
        assert!(theirs.items.iter().all(|i| i.id != a.id), "building 2 does not see it");
        assert_eq!(chen.call("announcements/view", &[("id", &id)]).await.error(), AppError::NotFound);
        let read: AnnouncementView = wang.call("announcements/view", &[("id", &id)]).await.json();
        assert_eq!(read.progress, None, "residents do not see the sending figures");

        let before: AnnouncementView = staff.call("announcements/view", &[("id", &id)]).await.json();
        let progress = before.progress.expect("the sender sees progress");
        assert_eq!((progress.recipients, progress.waiting), (in_building1, in_building1));
        app.dispatch_push().await;
        let after: AnnouncementView = staff.call("announcements/view", &[("id", &id)]).await.json();
        let progress = after.progress.unwrap();
        assert_eq!(progress.waiting, 0);
        assert_eq!(progress.inbox_only, in_building1, "nobody here has a device subscribed");
        assert!(progress.is_finished());
        let logged = audit_entry::Entity::find()
            .filter(audit_entry::Column::Action.eq("announcement.broadcast"))
            .count(&app.state.db)
            .await
            .unwrap();
        assert_eq!(logged, 1, "a broadcast is audited");
    }

    async fn pinned_announcements_come_first_and_only_staff_publish_or_pin(app) {
        let staff = app.signed_in("staff1@demo.jiayuan").await;
        for title in ["周六社区义诊", "垃圾分类新规"] {
            let form = [("title", title), ("body", "详情请到服务中心一楼咨询，谢谢大家配合。")];
            staff.call("announcements/publish", &form).await.assert_ok();
            app.clock.advance(chrono::Duration::minutes(1));
        }
        let clinic = announcement::Entity::find()
            .filter(announcement::Column::Title.eq("周六社区义诊"))
            .one(&app.state.db)
            .await
            .unwrap()
            .unwrap();
        assert!(!clinic.pushed);
        let unsent = notification::Entity::find()
            .filter(notification::Column::Topic.eq("announcements"))
            .count(&app.state.db)
            .await
            .unwrap();
        assert_eq!(unsent, 0, "not pushed unless asked");
        let id = clinic.id.to_string();
        staff.call("announcements/pin", &[("id", &id), ("pinned", "true")]).await.assert_ok();
        let wang = app.signed_in("resident1@demo.jiayuan").await;
        let list: AnnouncementList = wang.call("announcements/list", &[]).await.json();
        assert_eq!(list.items[0].title, "周六社区义诊", "pinned first although older");
        assert!(list.items[0].pinned && list.items[0].building.is_none());

        let form = [("title", "居民发布的公告"), ("body", "居民不能以服务中心名义发布公告。")];
        for email in ["resident1@demo.jiayuan", "volunteer1@demo.jiayuan", "committee1@demo.jiayuan"] {
            let other = app.signed_in(email).await;
            assert_eq!(other.call("announcements/publish", &form).await.error(), AppError::Forbidden, "{email}");
            assert_eq!(
                other.call("announcements/pin", &[("id", &id), ("pinned", "false")]).await.error(),
                AppError::Forbidden,
                "{email}"
            );
        }
        assert_eq!(app.client().call("announcements/list", &[]).await.error(), AppError::Unauthenticated);
        let bad = [("title", "短"), ("body", "太短"), ("building", "abc")];
        let refused = staff.call("announcements/publish", &bad).await.error();
        assert_eq!(
            refused,
            AppError::Invalid(vec![
                app::domain::FieldError::new("title", Key::FieldAnnouncementTitle),
                app::domain::FieldError::new("body", Key::FieldAnnouncementBody),
                app::domain::FieldError::new("building", Key::FieldAudience),
            ])
        );
        // A building of another community is not an audience.
        let elsewhere = building::Entity::find().order_by_desc(building::Column::Id).one(&app.state.db).await.unwrap().unwrap();
        let form = [("title", "别的社区的楼"), ("body", "发给别的社区的楼栋应当被拒绝。"), ("building", &elsewhere.id.to_string())];
        assert_eq!(
            staff.call("announcements/publish", &form).await.error(),
            AppError::invalid("building", Key::FieldAudience)
        );
        assert_eq!(announcement::Entity::find().count(&app.state.db).await.unwrap(), 2, "nothing else was published");
    }
}
