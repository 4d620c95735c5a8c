use crate::helpers::{Client, TestApp};
use crate::on_both_backends;
use crate::push_receiver::{Answer, DeviceKeys, PushReceiver};
use app::error::AppError;
use app::help::{HelpAction, HelpRequestSummary, Triage};
use app::i18n::Key;
use app::notifications::{Inbox, PushPreferences, Topic};
use app::ssr::db::entities::{help_request, notification, push_delivery, push_subscription};
use app::ssr::notifications::{Notice, notify};
use app::ssr::push::dispatch;
use chrono::Duration;
use reqwest::StatusCode;
use sea_orm::{ColumnTrait, EntityTrait, PaginatorTrait, QueryFilter};

async fn subscribe(client: &Client, keys: &DeviceKeys) -> crate::helpers::Reply {
    client.call("push/subscribe", &[("endpoint", &keys.endpoint), ("p256dh", &keys.p256dh), ("auth", &keys.auth)]).await
}

/// A server restarted to allow the receiver, and a volunteer of building 1 with one device.
async fn volunteer_with_device(app: &TestApp, receiver: &PushReceiver, device: &str) -> (TestApp, Client) {
    let app = app.with_receiver(receiver).await;
    let volunteer = app.signed_in("volunteer1@demo.jiayuan").await;
    subscribe(&volunteer, &receiver.device(device)).await.assert_ok();
    (app, volunteer)
}

async fn post_help(resident: &Client, urgency: &str, key: &str) -> i64 {
    resident
        .call(
            "help/post",
            &[("category", "errand"), ("urgency", urgency), ("description", "帮忙去药店买感冒药"), ("key", key)],
        )
        .await
        .assert_ok();
    let mine: Vec<HelpRequestSummary> = resident.call("help/mine", &[]).await.json();
    mine[0].id
}

async fn subscriptions(app: &TestApp) -> u64 {
    push_subscription::Entity::find().count(&app.state.db).await.unwrap()
}

on_both_backends! {
    async fn a_subscription_must_point_at_an_allowed_https_push_service(app) {
        let receiver = PushReceiver::start().await;
        let resident = app.signed_in("resident1@demo.jiayuan").await;
        let good = receiver.device("phone");

        // Before the receiver is allowed: plain HTTP to an unlisted host.
        let refused = subscribe(&resident, &good).await;
        assert_eq!(refused.status, StatusCode::UNPROCESSABLE_ENTITY);
        assert_eq!(refused.error().field("endpoint"), Some(Key::PushEndpointRefused));
        for endpoint in ["https://fcm.googleapis.com.evil.cn/x", "https://169.254.169.254/latest", "file:///etc/passwd"] {
            let keys = DeviceKeys { endpoint: endpoint.into(), p256dh: good.p256dh.clone(), auth: good.auth.clone() };
            assert_eq!(subscribe(&resident, &keys).await.status, StatusCode::UNPROCESSABLE_ENTITY, "{endpoint}");
        }
        assert_eq!(subscriptions(&app).await, 0);

        let app = app.with_receiver(&receiver).await;
        let resident = app.signed_in("resident1@demo.jiayuan").await;
        let bad_keys = DeviceKeys { endpoint: good.endpoint.clone(), p256dh: "AAAA".into(), auth: good.auth.clone() };
        assert_eq!(subscribe(&resident, &bad_keys).await.error().field("keys"), Some(Key::PushKeysInvalid));
        assert_eq!(subscribe(&app.client(), &good).await.status, StatusCode::UNAUTHORIZED, "anonymous");
        assert_eq!(subscriptions(&app).await, 0, "nothing stored for refused input");

        subscribe(&resident, &good).await.assert_ok();
        subscribe(&resident, &good).await.assert_ok();
        let prefs: PushPreferences = resident.call("push/preferences", &[]).await.json();
        assert_eq!(prefs.devices.len(), 1, "the same device twice is one device");
        assert!(!prefs.public_key.is_empty());
        let device = prefs.devices[0].id.to_string();

        // Someone else cannot remove it; its owner can.
        let neighbour = app.signed_in("resident2@demo.jiayuan").await;
        assert_eq!(neighbour.call("push/remove", &[("id", &device)]).await.status, StatusCode::NOT_FOUND);
        assert_eq!(subscriptions(&app).await, 1);
        resident.call("push/remove", &[("id", &device)]).await.assert_ok();
        assert_eq!(subscriptions(&app).await, 0);
    }

    async fn signing_out_turns_push_off_on_that_device_and_a_device_follows_whoever_signs_in(app) {
        let receiver = PushReceiver::start().await;
        let app = app.with_receiver(&receiver).await;
        let phone = receiver.device("shared-phone");
        let first = app.signed_in("resident1@demo.jiayuan").await;
        subscribe(&first, &phone).await.assert_ok();
        let other_device = app.signed_in("resident1@demo.jiayuan").await;
        subscribe(&other_device, &receiver.device("tablet")).await.assert_ok();
        assert_eq!(subscriptions(&app).await, 2);

        // Signing out on the phone stops pushes there, not on the tablet.
        first.call("accounts/logout", &[]).await;
        assert_eq!(subscriptions(&app).await, 1);
        let left: Vec<String> = push_subscription::Entity::find().all(&app.state.db).await.unwrap().into_iter().map(|s| s.endpoint).collect();
        assert!(left[0].ends_with("/tablet"), "{left:?}");

        // Someone else turns push on with the same browser: it is theirs now, and what was
        // queued for the first person is not delivered to them.
        let first = app.signed_in("resident1@demo.jiayuan").await;
        subscribe(&first, &phone).await.assert_ok();
        let recipient = app.account_id("resident1@demo.jiayuan").await;
        let text = |_: app::i18n::Locale| ("给王阿姨".to_owned(), "私人".to_owned());
        notify(&app.state.db, &[recipient], Notice { topic: Topic::MyRequests, urgent: false, url: "/help", text: &text }, app.now()).await.unwrap();
        dispatch::fan_out(&app.state.db, app.now()).await.unwrap();
        let second = app.signed_in("resident2@demo.jiayuan").await;
        subscribe(&second, &phone).await.assert_ok();
        app.dispatch_push().await;
        assert!(receiver.received("shared-phone").is_empty(), "nothing of resident1's reaches resident2's phone");
        assert_eq!(receiver.received("tablet").len(), 1);

        // Signing out everywhere turns push off on all of one's devices.
        other_device.call("accounts/logout_everywhere", &[]).await;
        let mine = push_subscription::Entity::find()
            .filter(push_subscription::Column::AccountId.eq(recipient))
            .count(&app.state.db)
            .await
            .unwrap();
        assert_eq!(mine, 0);
    }

    async fn a_help_request_reaches_the_volunteers_phone_encrypted_signed_and_without_personal_data(app) {
        let receiver = PushReceiver::start().await;
        let (app, volunteer) = volunteer_with_device(&app, &receiver, "v1-phone").await;
        let resident = app.signed_in("resident1@demo.jiayuan").await;
        let id = post_help(&resident, "urgent", "push-key-000001").await;

        let report = app.dispatch_push().await;
        assert_eq!((report.queued, report.delivered), (1, 1), "{report:?}");
        let got = receiver.received("v1-phone");
        assert_eq!(got.len(), 1);
        let push = &got[0];
        assert_eq!(push.payload["title"], "新求助");
        assert_eq!(push.payload["url"], format!("/help/{id}"));
        assert_eq!(push.payload["tag"], format!("/help/{id}"));
        assert_eq!(push.payload["urgent"], true);
        assert_eq!((push.ttl, push.urgency.as_str()), (3600, "high"), "urgent help lives an hour at the push service");
        for private in ["+86", "1380000", "感冒药", "王", "室"] {
            assert!(!push.raw.contains(private), "{private} leaked into the payload: {}", push.raw);
        }
        let prefs: PushPreferences = volunteer.call("push/preferences", &[]).await.json();
        assert_eq!(push.key, prefs.public_key, "signed with the key the device subscribed with");
        assert!(prefs.devices[0].last_delivered.is_some());

        // Nothing is sent twice.
        assert_eq!(app.dispatch_push().await, Default::default());
        assert_eq!(receiver.requests("v1-phone"), 1);

        // The service worker's receipt marks the delivery confirmed; a bogus one changes nothing.
        app.client().call("push/receipt", &[("token", "0123456789abcdef0123456789abcdef")]).await.assert_ok();
        let token = push.payload["receipt"].as_str().unwrap().to_owned();
        app.client().call("push/receipt", &[("token", &token)]).await.assert_ok();
        let delivery = push_delivery::Entity::find().one(&app.state.db).await.unwrap().unwrap();
        assert_eq!(delivery.state, "sent");
        assert!(delivery.delivered_at.is_some());
        let prefs: PushPreferences = volunteer.call("push/preferences", &[]).await.json();
        assert!(prefs.devices[0].last_shown.is_some(), "the device list shows it was displayed");

        // The same item is in the inbox, unread, and opening it marks it read and leads to it.
        let inbox: Inbox = volunteer.call("inbox/list", &[]).await.json();
        assert_eq!(inbox.unread, 1);
        assert_eq!(inbox.items[0].url, format!("/help/{id}"));
        assert_eq!(volunteer.viewer().await.unwrap().unread, 1, "the badge counts it");
        let item = inbox.items[0].id.to_string();
        let stranger = app.signed_in("resident2@demo.jiayuan").await;
        assert_eq!(stranger.call("inbox/open", &[("id", &item)]).await.status, StatusCode::NOT_FOUND);
        assert_eq!(volunteer.call("inbox/list", &[]).await.json::<Inbox>().unread, 1, "a stranger reads nothing");
        let opened = volunteer.call("inbox/open", &[("id", &item)]).await;
        assert!(opened.status.is_success() || opened.status.is_redirection(), "{}", opened.status);
        assert_eq!(volunteer.call("inbox/list", &[]).await.json::<Inbox>().unread, 0);
    }

    async fn a_device_the_push_service_calls_gone_is_removed(app) {
        let receiver = PushReceiver::start().await;
        let (app, volunteer) = volunteer_with_device(&app, &receiver, "old-phone").await;
        subscribe(&volunteer, &receiver.device("lost-phone")).await.assert_ok();
        receiver.script("old-phone", &[Answer::Gone]);
        receiver.script("lost-phone", &[Answer::NotFound]);
        let resident = app.signed_in("resident1@demo.jiayuan").await;
        post_help(&resident, "urgent", "push-key-000002").await;

        let report = app.dispatch_push().await;
        assert_eq!(report.gone, 2, "{report:?}");
        assert_eq!(subscriptions(&app).await, 0, "404 and 410 delete the subscription");
        let inbox = app::ssr::notifications::for_recipient(&app.state.db, app.account_id("volunteer1@demo.jiayuan").await).await.unwrap();
        assert_eq!(inbox.len(), 1, "the inbox still has it");
    }

    async fn a_device_refused_again_and_again_is_reaped_after_three_strikes(app) {
        let receiver = PushReceiver::start().await;
        let (app, _volunteer) = volunteer_with_device(&app, &receiver, "broken").await;
        receiver.script("broken", &[Answer::Status(400), Answer::Status(413), Answer::Status(400)]);
        let recipient = app.account_id("volunteer1@demo.jiayuan").await;
        let text = |_: app::i18n::Locale| ("测试".to_owned(), "正文".to_owned());
        for strike in 1..=3u64 {
            let notice = Notice { topic: Topic::MyRequests, urgent: false, url: "/inbox", text: &text };
            notify(&app.state.db, &[recipient], notice, app.now()).await.unwrap();
            let report = app.dispatch_push().await;
            assert_eq!(report.failed, 1, "a refusal is not retried: {report:?}");
            assert_eq!(subscriptions(&app).await, u64::from(strike < 3), "strike {strike}");
        }
        assert_eq!(receiver.requests("broken"), 3);
    }

    async fn throttled_and_failing_sends_are_retried_later_then_delivered_once(app) {
        let receiver = PushReceiver::start().await;
        let (app, _volunteer) = volunteer_with_device(&app, &receiver, "busy").await;
        receiver.script("busy", &[Answer::TooMany { retry_after: 120 }, Answer::ServerError]);
        let resident = app.signed_in("resident1@demo.jiayuan").await;
        post_help(&resident, "urgent", "push-key-000003").await;

        assert_eq!(app.dispatch_push().await.retried, 1);
        app.clock.advance(Duration::seconds(60));
        assert_eq!(app.dispatch_push().await, Default::default(), "Retry-After 120 s is honoured");
        assert_eq!(receiver.requests("busy"), 1);
        app.clock.advance(Duration::seconds(61));
        assert_eq!(app.dispatch_push().await.retried, 1, "500: another try later");
        app.clock.advance(Duration::minutes(2));
        assert_eq!(app.dispatch_push().await.delivered, 1);
        assert_eq!(receiver.received("busy").len(), 1);
        assert_eq!(receiver.requests("busy"), 3);
    }

    async fn two_dispatchers_deliver_every_message_exactly_once(app) {
        let receiver = PushReceiver::start().await;
        let (app, volunteer) = volunteer_with_device(&app, &receiver, "a").await;
        subscribe(&volunteer, &receiver.device("b")).await.assert_ok();
        subscribe(&volunteer, &receiver.device("c")).await.assert_ok();
        let recipient = app.account_id("volunteer1@demo.jiayuan").await;
        let text = |_: app::i18n::Locale| ("测试".to_owned(), "正文".to_owned());
        for n in 0..40 {
            let url = format!("/inbox#{n}");
            let notice = Notice { topic: Topic::MyRequests, urgent: false, url: &url, text: &text };
            notify(&app.state.db, &[recipient], notice, app.now()).await.unwrap();
        }
        let second = app.restart().await;
        let (one, two) = tokio::join!(app.dispatch_push(), second.dispatch_push());
        assert_eq!(one.delivered + two.delivered, 120, "{one:?} {two:?}");
        for device in ["a", "b", "c"] {
            let mut ids: Vec<i64> = receiver.received(device).iter().map(|r| r.payload["id"].as_i64().unwrap()).collect();
            assert_eq!(ids.len(), 40, "device {device}");
            ids.sort();
            ids.dedup();
            assert_eq!(ids.len(), 40, "no duplicates on {device}");
        }
    }

    async fn a_broadcast_bigger_than_a_batch_goes_out_in_one_pass(app) {
        let receiver = PushReceiver::start().await;
        let (app, _volunteer) = volunteer_with_device(&app, &receiver, "phone").await;
        let volunteer = app.account_id("volunteer1@demo.jiayuan").await;
        let text = |_: app::i18n::Locale| ("停水通知".to_owned(), "明天上午 9 点至 12 点停水".to_owned());
        for _ in 0..1_200 {
            let notice = Notice { topic: Topic::Announcements, urgent: false, url: "/announcements/1", text: &text };
            notify(&app.state.db, &[volunteer], notice, app.now()).await.unwrap();
        }
        // More than two fan-out batches: all of it in one pass, none left for the next poll.
        let report = app.dispatch_push().await;
        assert_eq!((report.queued, report.delivered), (1_200, 1_200));
        assert_eq!(receiver.received("phone").len(), 1_200);
        assert_eq!(app.dispatch_push().await, Default::default());
    }

    async fn a_dispatcher_that_dies_mid_batch_loses_nothing(app) {
        let receiver = PushReceiver::start().await;
        let (app, _volunteer) = volunteer_with_device(&app, &receiver, "phone").await;
        let resident = app.signed_in("resident1@demo.jiayuan").await;
        post_help(&resident, "urgent", "push-key-000004").await;
        post_help(&resident, "urgent", "push-key-000005").await;

        // A dispatcher fans out and claims the batch, then dies before sending.
        dispatch::fan_out(&app.state.db, app.now()).await.unwrap();
        let held = dispatch::claim(&app.state.db, &app.state.policy.push, app.now()).await.unwrap();
        assert_eq!(held.len(), 2);
        drop(held);

        let restarted = app.restart().await;
        assert_eq!(restarted.dispatch_push().await, Default::default(), "the lease still holds");
        app.clock.advance(dispatch::lease(&app.state.policy.push) + Duration::seconds(1));
        assert_eq!(restarted.dispatch_push().await.delivered, 2, "taken over once the lease ran out");
        assert_eq!(receiver.received("phone").len(), 2);
    }

    async fn muted_topics_and_quiet_hours_hold_pushes_but_not_urgent_ones(app) {
        let receiver = PushReceiver::start().await;
        let (app, volunteer) = volunteer_with_device(&app, &receiver, "v").await;
        let resident = app.signed_in("resident1@demo.jiayuan").await;
        subscribe(&resident, &receiver.device("r")).await.assert_ok();

        // Bad quiet hours are refused and change nothing.
        let bad = resident.call("push/save", &[("my_requests", "on"), ("quiet_from", "25:00"), ("quiet_until", "07:00")]).await;
        assert_eq!(bad.error().field("quiet_from"), Some(Key::FieldQuietHours));
        let prefs: PushPreferences = resident.call("push/preferences", &[]).await.json();
        assert_eq!(prefs.quiet_from, None);
        assert!(prefs.topics.iter().all(|c| c.topic != Topic::BuildingHelp), "a resident has no volunteer topic");

        // The volunteer mutes new requests of the building: the inbox gets it, the phone not.
        volunteer.call("push/save", &[("my_requests", "on"), ("alerts", "on")]).await.assert_ok();
        let prefs: PushPreferences = volunteer.call("push/preferences", &[]).await.json();
        assert!(!prefs.topics.iter().find(|c| c.topic == Topic::BuildingHelp).unwrap().pushed);
        let id = post_help(&resident, "today", "push-key-000006").await;
        app.dispatch_push().await;
        assert!(receiver.received("v").is_empty());
        assert_eq!(volunteer.call("inbox/list", &[]).await.json::<Inbox>().unread, 1);

        // The resident sleeps 22:00–07:00 Beijing time. It is now 23:30 there (15:30 UTC).
        resident
            .call("push/save", &[("my_requests", "on"), ("alerts", "on"), ("quiet_from", "22:00"), ("quiet_until", "07:00")])
            .await
            .assert_ok();
        app.clock.advance(Duration::minutes(7 * 60 + 30));
        let volunteer = app.signed_in("volunteer1@demo.jiayuan").await;
        volunteer
            .call("help/act", &[("id", &id.to_string()), ("action", &format!("{:?}", HelpAction::Claim))])
            .await
            .assert_ok();
        app.dispatch_push().await;
        assert!(receiver.received("r").is_empty(), "an update waits for the morning");

        // A watch alert is not held by quiet hours.
        let neighbour = app.signed_in("resident2@demo.jiayuan").await;
        neighbour.call("alerts/post", &[("body", "3 栋电梯停运")]).await.assert_ok();
        app.dispatch_push().await;
        let woke: Vec<_> = receiver.received("r").iter().map(|r| r.payload["title"].as_str().unwrap().to_owned()).collect();
        assert_eq!(woke, vec!["守望提醒".to_owned()], "{woke:?}");

        app.clock.advance(Duration::minutes(7 * 60 + 31));
        app.dispatch_push().await;
        assert_eq!(receiver.received("r").len(), 2, "the held update arrives after 07:00");
    }

    async fn devices_subscribed_with_a_key_the_server_lost_are_asked_to_renew(app) {
        let receiver = PushReceiver::start().await;
        let first_key = app::ssr::push::keys::generate();
        let app = app.restart_with(|s| {
            s.policy.push.allowed_origins.push(receiver.origin.clone());
            s.policy.push.vapid_private_key = first_key.clone();
        }).await;
        let volunteer = app.signed_in("volunteer1@demo.jiayuan").await;
        subscribe(&volunteer, &receiver.device("phone")).await.assert_ok();
        let old_public = volunteer.call("push/key", &[]).await.json::<String>();
        assert_eq!(Some(old_public.clone()), app::ssr::push::keys::public_of(&first_key));

        // The operator replaces the configured key: the old private key is gone.
        let app = app.restart_with(|s| s.policy.push.vapid_private_key = app::ssr::push::keys::generate()).await;
        let volunteer = app.signed_in("volunteer1@demo.jiayuan").await;
        let new_public = volunteer.call("push/key", &[]).await.json::<String>();
        assert_ne!(new_public, old_public, "new subscriptions use the new key");
        let resident = app.signed_in("resident1@demo.jiayuan").await;
        post_help(&resident, "urgent", "push-key-000007").await;
        app.dispatch_push().await;
        assert!(receiver.received("phone").is_empty());
        let prefs: PushPreferences = volunteer.call("push/preferences", &[]).await.json();
        assert!(prefs.devices[0].needs_renewal, "the device is marked to renew, not silently dead");

        // The device subscribes again (as the app does on its next visit) and receives.
        subscribe(&volunteer, &receiver.device("phone")).await.assert_ok();
        post_help(&resident, "urgent", "push-key-000008").await;
        app.dispatch_push().await;
        assert_eq!(receiver.received("phone").len(), 1);
        assert_eq!(receiver.received("phone")[0].key, new_public);
    }

    async fn an_urgent_request_no_volunteer_phone_confirmed_goes_on_the_staff_call_list(app) {
        let receiver = PushReceiver::start().await;
        let (app, _volunteer) = volunteer_with_device(&app, &receiver, "v1").await;
        let resident = app.signed_in("resident1@demo.jiayuan").await;
        let unconfirmed = post_help(&resident, "urgent", "push-key-000009").await;
        app.dispatch_push().await;

        let resident2 = app.signed_in("resident3@demo.jiayuan").await;
        let confirmed = post_help(&resident2, "urgent", "push-key-000010").await;
        app.dispatch_push().await;
        // The volunteer's phone showed the second one and sent its receipt.
        let receipt = receiver.received("v1").last().unwrap().payload["receipt"].as_str().unwrap().to_owned();
        app.client().call("push/receipt", &[("token", &receipt)]).await.assert_ok();

        app.clock.advance(Duration::minutes(2));
        assert_eq!(app.run_timers().await.call_listed, 0, "not yet");
        app.clock.advance(Duration::minutes(2));
        assert_eq!(app.run_timers().await.call_listed, 1);
        assert_eq!(app.run_timers().await.call_listed, 0, "listed once");
        let listed = help_request::Entity::find_by_id(unconfirmed).one(&app.state.db).await.unwrap().unwrap();
        assert!(listed.call_listed_at.is_some());
        let other = help_request::Entity::find_by_id(confirmed).one(&app.state.db).await.unwrap().unwrap();
        assert!(other.call_listed_at.is_none(), "a confirmed push keeps it off the list");

        let staff = app.signed_in("staff1@demo.jiayuan").await;
        let triage: Triage = staff.call("help/triage", &[]).await.json();
        assert_eq!(triage.call_list.len(), 1);
        assert_eq!(triage.call_list[0].request.id, unconfirmed);
        let numbers: Vec<&str> = triage.call_list[0].volunteers.iter().map(|v| v.contact.as_str()).collect();
        assert_eq!(numbers, vec!["volunteer1@demo.jiayuan"], "staff get the building volunteers' contacts");
        let told = notification::Entity::find()
            .filter(notification::Column::RecipientId.eq(app.account_id("staff1@demo.jiayuan").await))
            .all(&app.state.db)
            .await
            .unwrap();
        assert!(told.iter().any(|n| n.title == Key::NotifyCallListTitle.text(app::i18n::Locale::Zh)));

        // A street admin may triage, but the volunteers' numbers are the service centre's.
        let admin: Triage = app.signed_in("admin@demo.jiayuan").await.call("help/triage", &[]).await.json();
        assert!(admin.call_list[0].volunteers.iter().all(|v| v.contact != "volunteer1@demo.jiayuan"), "masked for admins");

        // The call list is for staff: a volunteer or resident is refused the triage view.
        for who in ["volunteer1@demo.jiayuan", "resident1@demo.jiayuan"] {
            let refused = app.signed_in(who).await.call("help/triage", &[]).await;
            assert_eq!(refused.error(), AppError::Forbidden, "{who}");
        }
    }

    async fn an_answered_write_rings_the_dispatcher_and_a_page_view_does_not(app) {
        let outbox = app.state.outbox.clone();
        let rung = |wait_ms: u64| {
            let outbox = outbox.clone();
            async move { tokio::time::timeout(std::time::Duration::from_millis(wait_ms), outbox.notified()).await.is_ok() }
        };
        let resident = app.signed_in("resident1@demo.jiayuan").await;
        rung(50).await; // the sign-in was a write

        resident.get("/help").await.assert_ok();
        assert!(!rung(100).await, "reading a page puts nothing in the outbox");

        let form = [("category", "errand"), ("urgency", "urgent"), ("description", "帮忙去药店买感冒药"), ("key", "ring-the-dispatcher")];
        resident.call("help/post", &form).await.assert_ok();
        assert!(rung(1_000).await, "a help request is pushed now, not at the next poll");
    }
}
