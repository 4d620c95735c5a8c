//! A form sent again (a double press, a retry after a lost answer, the phone's offline outbox
//! sending what it kept) is acted on once: its key is remembered per person.

use crate::helpers::TestApp;
use crate::on_both_backends;
use app::error::AppError;
use app::i18n::Key;
use app::ssr::db::entities::{alert_reply, comment, forum_topic, notification, watch_alert};
use sea_orm::{EntityTrait, PaginatorTrait};

async fn counts(app: &TestApp) -> [u64; 4] {
    let db = &app.state.db;
    [
        watch_alert::Entity::find().count(db).await.unwrap(),
        alert_reply::Entity::find().count(db).await.unwrap(),
        comment::Entity::find().count(db).await.unwrap(),
        notification::Entity::find().count(db).await.unwrap(),
    ]
}

on_both_backends! {
    async fn alerts_replies_and_comments_sent_twice_are_posted_once(app) {
        let wang = app.signed_in("resident1@demo.jiayuan").await;
        let key = "0f1e2d3c4b5a69788796a5b4c3d2e1f0";
        let alert = [("body", "2 楼楼道灯坏了，晚上小心"), ("key", key)];
        wang.call("alerts/post", &alert).await.assert_ok();
        let once = counts(&app).await;
        assert_eq!(once[0], 1);
        // The same form again: answered as done, nothing new, nobody told twice.
        wang.call("alerts/post", &alert).await.assert_ok();
        assert_eq!(counts(&app).await, once);

        let id = watch_alert::Entity::find().one(&app.state.db).await.unwrap().unwrap().id.to_string();
        let neighbour = app.signed_in("resident2@demo.jiayuan").await;
        let reply = [("id", id.as_str()), ("body", "收到"), ("key", "reply-form-0001")];
        neighbour.call("alerts/reply", &reply).await.assert_ok();
        neighbour.call("alerts/reply", &reply).await.assert_ok();
        assert_eq!(counts(&app).await[1], 1, "one reply");

        wang.call("forum/open", &[("title", "楼道灯什么时候修"), ("body", "有人知道吗？")]).await.assert_ok();
        let topic = forum_topic::Entity::find().one(&app.state.db).await.unwrap().unwrap().id.to_string();
        let before = counts(&app).await;
        let comment = [("topic", topic.as_str()), ("body", "物业说明天来修"), ("key", "comment-form-0001")];
        neighbour.call("comments/post", &comment).await.assert_ok();
        neighbour.call("comments/post", &comment).await.assert_ok();
        let after = counts(&app).await;
        assert_eq!(after[2], before[2] + 1, "one comment");
        assert_eq!(after[3], before[3] + 1, "the topic's author is told once");

        // A key belongs to its sender: a neighbour's form with the same key is a new form.
        neighbour.call("alerts/post", &alert).await.assert_ok();
        assert_eq!(counts(&app).await[0], 2);
        // A new rendering of the form has a new key: a second alert is a second alert.
        wang.call("alerts/post", &[("body", "灯已经修好了"), ("key", "0f1e2d3c4b5a69788796a5b4c3d2e1f1")]).await.assert_ok();
        assert_eq!(counts(&app).await[0], 3);
    }

    async fn a_refused_form_does_not_use_up_its_key_and_a_bad_key_changes_nothing(app) {
        let wang = app.signed_in("resident1@demo.jiayuan").await;
        let too_long = "长".repeat(141);
        let key = ("key", "alert-form-0002");
        assert_eq!(wang.call("alerts/post", &[("body", too_long.as_str()), key]).await.error().field("body"), Some(Key::FieldAlertLength));
        // Corrected and sent with the same key, it is posted: the refusal claimed nothing.
        wang.call("alerts/post", &[("body", "电梯停了"), key]).await.assert_ok();
        assert_eq!(counts(&app).await[0], 1);

        let before = counts(&app).await;
        let reply = wang.call("alerts/post", &[("body", "电梯又停了"), ("key", "no spaces allowed")]).await;
        assert_eq!(reply.error(), AppError::invalid("key", Key::ErrInvalid));
        assert_eq!(counts(&app).await, before);
    }
}
