use crate::helpers::{Client, TestApp};
use crate::on_both_backends;
use app::deliberation::{ForumPage, Thread, TopicView};
use app::error::AppError;
use app::i18n::Key;
use app::ssr::db::entities::{audit_entry, forum_topic};
use sea_orm::{ColumnTrait, EntityTrait, PaginatorTrait, QueryFilter};

async fn open(client: &Client, title: &str) -> crate::helpers::Reply {
    client.call("forum/open", &[("title", title), ("body", "周末有没有人一起打扫中心花园？")]).await
}

async fn page(client: &Client) -> ForumPage {
    client.call("forum/page", &[]).await.json()
}

pub async fn topic_id(app: &TestApp, title: &str) -> i64 {
    forum_topic::Entity::find()
        .filter(forum_topic::Column::Title.eq(title))
        .one(&app.state.db)
        .await
        .unwrap()
        .unwrap()
        .id
}

on_both_backends! {
    async fn residents_open_topics_and_reply_and_the_latest_activity_comes_first(app) {
        let wang = app.signed_in("resident1@demo.jiayuan").await;
        let chen = app.signed_in("resident4@demo.jiayuan").await;
        assert_eq!(open(&wang, "花园").await.error(), AppError::invalid("title", Key::FieldTopicTitle));
        open(&wang, "周末一起打扫花园").await.assert_ok();
        app.clock.advance(chrono::Duration::minutes(5));
        open(&chen, "小区里的流浪猫怎么办").await;
        let first = page(&chen).await;
        assert_eq!(first.topics[0].title, "小区里的流浪猫怎么办", "newest first");
        assert!(first.can_post);

        let garden = topic_id(&app, "周末一起打扫花园").await.to_string();
        app.clock.advance(chrono::Duration::minutes(5));
        chen.call("comments/post", &[("topic", &garden), ("stance", "for"), ("body", "我来！带上扫帚")]).await.assert_ok();
        let listed = page(&wang).await;
        assert_eq!(listed.topics[0].title, "周末一起打扫花园", "a reply moves it to the top");
        assert_eq!(listed.topics[0].replies, 1);
        let thread: Thread = wang.call("comments/thread", &[("topic", &garden)]).await.json();
        assert_eq!(thread.comments[0].stance, None, "the forum takes no stances");
        assert_eq!(thread.comments[0].body, "我来！带上扫帚");
    }

    async fn only_verified_residents_post_and_no_faster_than_the_limit(app) {
        let li = app.signed_in("resident2@demo.jiayuan").await;
        for i in 0..app.state.policy.limits.topics.max {
            assert!(open(&li, &format!("第 {i} 个话题的标题")).await.status.is_success());
        }
        assert_eq!(open(&li, "一个太多的话题").await.error(), AppError::TooManyRequests);
        assert_eq!(open(&app.client(), "匿名者的话题").await.error(), AppError::Unauthenticated);
        // Staff without a home see the forum but do not post in it as residents.
        let staff = app.signed_in("staff1@demo.jiayuan").await;
        assert!(!page(&staff).await.can_post);
        assert_eq!(open(&staff, "社工发起的话题").await.error(), AppError::Forbidden);
        let count = forum_topic::Entity::find().count(&app.state.db).await.unwrap();
        assert_eq!(count, u64::from(app.state.policy.limits.topics.max));
    }

    async fn moderators_hide_a_topic_with_a_logged_reason_and_residents_cannot(app) {
        let wang = app.signed_in("resident1@demo.jiayuan").await;
        open(&wang, "出售二手家具，价格面议").await;
        let id = topic_id(&app, "出售二手家具，价格面议").await.to_string();
        let neighbour = app.signed_in("resident2@demo.jiayuan").await;
        assert_eq!(neighbour.call("forum/hide", &[("id", &id), ("reason", "广告")]).await.error(), AppError::Forbidden);
        let committee = app.signed_in("committee1@demo.jiayuan").await;
        let seen: TopicView = committee.call("forum/topic", &[("id", &id)]).await.json();
        assert!(seen.can_moderate);
        committee.call("forum/hide", &[("id", &id), ("reason", "商业广告请发到公告栏")]).await.assert_ok();
        let hidden: TopicView = neighbour.call("forum/topic", &[("id", &id)]).await.json();
        assert_eq!((hidden.body.as_str(), hidden.hidden_reason.as_deref()), ("", Some("商业广告请发到公告栏")));
        assert!(page(&neighbour).await.topics.is_empty(), "hidden topics leave the list");
        let logged = audit_entry::Entity::find()
            .filter(audit_entry::Column::Action.eq("topic_hidden"))
            .count(&app.state.db)
            .await
            .unwrap();
        assert_eq!(logged, 1);
    }
}
