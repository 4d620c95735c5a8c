//! Posting limits: past a person's allowance for the window, a posting is refused with 429
//! and changes nothing; a resend of what already went through is still answered; the
//! window moves on with time; staff filing hotline calls are not counted as the resident.

use crate::helpers::{Client, Reply, TestApp};
use crate::on_both_backends;
use app::error::AppError;
use app::ssr::db::entities::{alert_reply, comment, help_request, watch_alert};
use app::ssr::policy::RateLimit;
use reqwest::StatusCode;
use sea_orm::{EntityTrait, PaginatorTrait};

/// The same server with every posting limit at `max` per hour.
async fn limited_to(app: &TestApp, max: u32) -> TestApp {
    app.restart_with(|s| {
        let l = &mut s.policy.limits;
        let hourly = RateLimit { max, window_seconds: 3600 };
        (l.help_requests, l.alerts, l.alert_replies, l.comments, l.topics, l.supports) =
            (hourly, hourly, hourly, hourly, hourly, hourly);
    })
    .await
}

async fn ask(client: &Client, key: &str) -> Reply {
    client
        .call(
            "help/post",
            &[("category", "errand"), ("urgency", "today"), ("description", "请帮忙取一下快递"), ("key", key)],
        )
        .await
}

/// A wrong sign-in for a made-up account, arriving with `forwarded` as `X-Forwarded-For`.
async fn sign_in_via(client: &Client, forwarded: &str, n: usize) -> Reply {
    let form = [("identifier", format!("nobody{n}@example.org")), ("password", "wrong-password".to_owned())];
    let response = client
        .http
        .post(format!("{}/api/accounts/login", client.base))
        .header("x-forwarded-for", forwarded)
        .form(&form)
        .send()
        .await
        .unwrap();
    Reply { status: response.status(), body: response.text().await.unwrap() }
}

fn refused(reply: &Reply) {
    assert_eq!(reply.status, StatusCode::TOO_MANY_REQUESTS, "{}", reply.body);
    assert_eq!(reply.error(), AppError::TooManyRequests);
}

on_both_backends! {
    async fn help_requests_past_the_limit_wait_for_the_window_and_resends_still_pass(app) {
        let app = limited_to(&app, 2).await;
        let wang = app.signed_in("resident1@demo.jiayuan").await;
        ask(&wang, "limit-help-01").await.assert_ok();
        ask(&wang, "limit-help-02").await.assert_ok();
        refused(&ask(&wang, "limit-help-03").await);
        assert_eq!(help_request::Entity::find().count(&app.state.db).await.unwrap(), 2, "the refused one changed nothing");
        // The phone resending a request that went through is answered, not refused.
        ask(&wang, "limit-help-02").await.assert_ok();
        // Another neighbour has an allowance of their own.
        ask(&app.signed_in("resident2@demo.jiayuan").await, "limit-help-04").await.assert_ok();
        // Staff taking hotline calls for her are not her postings.
        let staff = app.signed_in("staff1@demo.jiayuan").await;
        let call = [("resident", "resident1@demo.jiayuan"), ("consent", "yes"), ("category", "check_in"), ("urgency", "today"), ("description", "电话求助：请上门看看"), ("key", "limit-hotline-1")];
        staff.call("help/hotline", &call).await.assert_ok();
        // An hour on, she may ask again.
        app.clock.advance(chrono::Duration::minutes(61));
        ask(&wang, "limit-help-05").await.assert_ok();
        assert_eq!(help_request::Entity::find().count(&app.state.db).await.unwrap(), 5);
    }

    async fn alerts_replies_and_comments_past_the_limit_are_refused_and_change_nothing(app) {
        let app = limited_to(&app, 1).await;
        let wang = app.signed_in("resident1@demo.jiayuan").await;
        wang.call("alerts/post", &[("body", "1栋电梯停运，请走楼梯"), ("key", "limit-alert-1")]).await.assert_ok();
        refused(&wang.call("alerts/post", &[("body", "2栋门禁坏了"), ("key", "limit-alert-2")]).await);
        wang.call("alerts/post", &[("body", "1栋电梯停运，请走楼梯"), ("key", "limit-alert-1")]).await.assert_ok();
        assert_eq!(watch_alert::Entity::find().count(&app.state.db).await.unwrap(), 1);

        let alert = watch_alert::Entity::find().one(&app.state.db).await.unwrap().unwrap().id.to_string();
        wang.call("alerts/reply", &[("id", &alert), ("body", "已经报修了"), ("key", "limit-reply-1")]).await.assert_ok();
        refused(&wang.call("alerts/reply", &[("id", &alert), ("body", "维修师傅下午到"), ("key", "limit-reply-2")]).await);
        assert_eq!(alert_reply::Entity::find().count(&app.state.db).await.unwrap(), 1);

        wang.call("forum/open", &[("title", "周末一起打扫花园"), ("body", "周末有没有人一起打扫中心花园？")]).await;
        refused(&wang.call("forum/open", &[("title", "再开一个话题"), ("body", "这个话题超过了限制，不应出现")]).await);
        let topic = crate::forum::topic_id(&app, "周末一起打扫花园").await.to_string();
        wang.call("comments/post", &[("topic", &topic), ("body", "我带扫帚和手套"), ("key", "limit-comment-1")]).await.assert_ok();
        refused(&wang.call("comments/post", &[("topic", &topic), ("body", "我再带些垃圾袋"), ("key", "limit-comment-2")]).await);
        assert_eq!(comment::Entity::find().count(&app.state.db).await.unwrap(), 1);
    }

    async fn one_address_posting_for_many_accounts_is_held_back(app) {
        let app = app.restart_with(|s| s.policy.limits.posts_per_ip = RateLimit { max: 3, window_seconds: 3600 }).await;
        for (i, email) in ["resident1@demo.jiayuan", "resident2@demo.jiayuan", "resident3@demo.jiayuan"].into_iter().enumerate() {
            ask(&app.signed_in(email).await, &format!("limit-address-{i}")).await.assert_ok();
        }
        refused(&ask(&app.signed_in("resident4@demo.jiayuan").await, "limit-address-3").await);
        assert_eq!(help_request::Entity::find().count(&app.state.db).await.unwrap(), 3);
    }

    async fn the_client_address_comes_from_the_proxy_only_when_it_is_trusted(app) {
        let two_a_window = RateLimit { max: 2, window_seconds: 600 };
        // No proxy trusted: whatever the client writes in the header, it is the socket's address.
        let direct = app.restart_with(|s| s.policy.limits.login_per_ip = two_a_window).await.client();
        for (n, forged) in ["203.0.113.1", "203.0.113.2"].into_iter().enumerate() {
            assert_eq!(sign_in_via(&direct, forged, n).await.status, StatusCode::UNAUTHORIZED);
        }
        refused(&sign_in_via(&direct, "203.0.113.3", 2).await);

        // Behind our proxy: the last hop, the one the proxy appended, is the address; what the
        // client put before it counts for nothing, and another person has their own allowance.
        let proxied = app
            .restart_with(|s| {
                s.policy.trust_proxy_headers = true;
                s.policy.limits.login_per_ip = two_a_window;
            })
            .await
            .client();
        for (n, chain) in ["198.51.100.7, 203.0.113.9", "10.0.0.1, 203.0.113.9"].into_iter().enumerate() {
            assert_eq!(sign_in_via(&proxied, chain, n).await.status, StatusCode::UNAUTHORIZED);
        }
        refused(&sign_in_via(&proxied, "192.0.2.1, 203.0.113.9", 2).await);
        assert_eq!(sign_in_via(&proxied, "203.0.113.10", 3).await.status, StatusCode::UNAUTHORIZED);
    }
}
