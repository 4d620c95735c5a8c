use crate::helpers::{Client, Reply, TestApp};
use crate::on_both_backends;
use app::error::AppError;
use app::i18n::Key;
use app::services::{ServiceCatalogue, ServiceDetail, ServiceQueue, ServiceRequestState, SupervisionPage};
use app::ssr::db::entities::{audit_entry, notification, service_project, service_request};
use sea_orm::{ColumnTrait, EntityTrait, PaginatorTrait, QueryFilter};

async fn service_id(app: &TestApp, name_zh: &str) -> String {
    service_project::Entity::find()
        .filter(service_project::Column::NameZh.eq(name_zh))
        .one(&app.state.db)
        .await
        .unwrap()
        .expect("a seeded service")
        .id
        .to_string()
}

async fn ask(client: &Client, service: &str, details: &str) -> Reply {
    client.call("services/request", &[("service", service), ("details", details)]).await
}

async fn latest_request(app: &TestApp) -> service_request::Model {
    service_request::Entity::find()
        .filter(service_request::Column::Id.is_not_null())
        .all(&app.state.db)
        .await
        .unwrap()
        .into_iter()
        .max_by_key(|r| r.id)
        .expect("a request")
}

async fn act(client: &Client, id: &str, action: &str) -> Reply {
    client.call("services/act", &[("id", id), ("action", action)]).await
}

async fn audited(app: &TestApp, action: &str) -> u64 {
    audit_entry::Entity::find().filter(audit_entry::Column::Action.eq(action)).count(&app.state.db).await.unwrap()
}

on_both_backends! {
    async fn a_request_goes_from_submitted_to_done_is_rated_and_the_committee_sees_it(app) {
        let elderly = service_id(&app, "长者关爱").await;
        let wang = app.signed_in("resident1@demo.jiayuan").await;
        let catalogue: ServiceCatalogue = wang.call("services/catalogue", &[]).await.json();
        assert_eq!(catalogue.services.len(), 15, "the seeded catalogue");
        assert!(!catalogue.can_edit);

        ask(&wang, &elderly, "母亲八十多岁独居，想请社工每周上门看看").await.assert_ok();
        let r = latest_request(&app).await;
        assert_eq!(r.state, "submitted");
        let staff_id = app.account_id("staff1@demo.jiayuan").await;
        let told = notification::Entity::find()
            .filter(notification::Column::RecipientId.eq(staff_id))
            .filter(notification::Column::Topic.eq("staff_services"))
            .count(&app.state.db)
            .await
            .unwrap();
        assert_eq!(told, 1, "the service centre hears of it");
        assert_eq!(
            ask(&wang, &elderly, "再申请一次同样的服务").await.error(),
            AppError::Conflict(Key::ErrServiceAlreadyOpen),
            "one open request per service"
        );

        let staff = app.signed_in("staff1@demo.jiayuan").await;
        let queue: ServiceQueue = staff.call("console/service-requests", &[("q", "王阿姨")]).await.json();
        let item = queue.items.iter().find(|i| i.id == r.id).expect("found by the resident's name");
        assert_eq!(item.phone, "+8613800000001", "staff may call the resident");
        let id = r.id.to_string();
        let rate_form = [("id", id.as_str()), ("stars", "2"), ("comment", "社工很耐心，但来得有点晚")];
        assert_eq!(wang.call("services/rate", &rate_form).await.error(), AppError::Conflict(Key::ErrServiceNotDone));
        for (action, state) in [("accept", "accepted"), ("start", "in_progress"), ("complete", "done")] {
            act(&staff, &id, action).await.assert_ok();
            assert_eq!(latest_request(&app).await.state, state);
            app.clock.advance(chrono::Duration::minutes(10));
        }
        assert_eq!(act(&staff, &id, "complete").await.error(), AppError::Conflict(Key::ErrServiceNotNow));
        assert_eq!(audited(&app, "service.complete").await, 1);
        let wang_id = app.account_id("resident1@demo.jiayuan").await;
        let updates = notification::Entity::find()
            .filter(notification::Column::RecipientId.eq(wang_id))
            .filter(notification::Column::Url.eq(format!("/services/{elderly}")))
            .count(&app.state.db)
            .await
            .unwrap();
        assert_eq!(updates, 3, "the resident hears of every step");

        let bad: Vec<(&str, &str)> = vec![("id", &id), ("stars", "6")];
        assert_eq!(wang.call("services/rate", &bad).await.error(), AppError::invalid("stars", Key::FieldRating));
        let li = app.signed_in("resident2@demo.jiayuan").await;
        assert_eq!(li.call("services/rate", &rate_form).await.error(), AppError::NotFound, "not li's request");
        wang.call("services/rate", &rate_form).await.assert_ok();
        assert_eq!(wang.call("services/rate", &rate_form).await.error(), AppError::Conflict(Key::ErrAlreadyRated));
        let detail: ServiceDetail = wang.call("services/detail", &[("id", &elderly)]).await.json();
        let mine = detail.mine.iter().find(|m| m.id == r.id).unwrap();
        assert_eq!((mine.state, mine.rating, mine.can_rate), (ServiceRequestState::Done, Some(2), false));

        let committee = app.signed_in("committee1@demo.jiayuan").await;
        let page: SupervisionPage = committee.call("console/supervision", &[]).await.json();
        let line = page.lines.iter().find(|l| l.name == "长者关爱").unwrap();
        // Checked against the database: every rating of this quarter for the service.
        let quarter = app::ssr::services::quarter_of(app.now());
        let rated: Vec<i16> = service_request::Entity::find()
            .filter(service_request::Column::ServiceId.eq(elderly.parse::<i64>().unwrap()))
            .all(&app.state.db)
            .await
            .unwrap()
            .into_iter()
            .filter(|r| r.rated_at.is_some_and(|t| app::ssr::services::quarter_of(t) == quarter))
            .filter_map(|r| r.rating)
            .collect();
        assert_eq!(line.count as usize, rated.len());
        assert_eq!(line.average, Some(rated.iter().map(|&n| n as f64).sum::<f64>() / rated.len() as f64));
        assert_eq!(line.lowest[0], (2, "社工很耐心，但来得有点晚".to_owned()));

        let csv = committee.get(&format!("/console/supervision.csv?quarter={}", page.quarter)).await;
        assert!(csv.status.is_success());
        assert!(csv.body.contains("长者关爱") && csv.body.contains("社工很耐心，但来得有点晚"));
        assert_eq!(audited(&app, "export").await, 1, "the export is audited");
    }

    async fn the_wrong_people_are_refused_and_nothing_changes(app) {
        let elderly = service_id(&app, "长者关爱").await;
        assert_eq!(ask(&app.client(), &elderly, "匿名的申请内容").await.error(), AppError::Unauthenticated);
        let pending = app.signed_in("pending1@demo.jiayuan").await;
        assert_eq!(ask(&pending, &elderly, "还没通过审核的申请").await.error(), AppError::NotVerified);
        let wang = app.signed_in("resident1@demo.jiayuan").await;
        assert_eq!(ask(&wang, &elderly, "短").await.error(), AppError::invalid("details", Key::FieldServiceDetails));
        ask(&wang, &elderly, "想请社工帮忙联系助餐服务").await.assert_ok();
        let id = latest_request(&app).await.id.to_string();

        assert_eq!(act(&wang, &id, "accept").await.error(), AppError::Forbidden, "residents do not accept their own");
        let li = app.signed_in("resident2@demo.jiayuan").await;
        assert_eq!(act(&li, &id, "withdraw").await.error(), AppError::NotFound, "nor touch a neighbour's");
        for email in ["volunteer1@demo.jiayuan", "committee1@demo.jiayuan"] {
            let other = app.signed_in(email).await;
            assert_eq!(act(&other, &id, "accept").await.error(), AppError::NotFound, "{email}");
            assert_eq!(other.call("console/service-requests", &[]).await.error(), AppError::Forbidden, "{email}");
        }
        for email in ["resident1@demo.jiayuan", "staff1@demo.jiayuan", "volunteer1@demo.jiayuan"] {
            let client = if email == "resident1@demo.jiayuan" { &wang } else { &app.signed_in(email).await };
            assert_eq!(client.call("console/supervision", &[]).await.error(), AppError::Forbidden, "{email}");
            assert_eq!(client.get("/console/supervision.csv").await.status, 403, "{email}");
        }
        assert_eq!(app.client().get("/console/supervision.csv").await.status, 401);

        let staff = app.signed_in("staff1@demo.jiayuan").await;
        assert_eq!(
            staff.call("services/act", &[("id", &id), ("action", "decline")]).await.error(),
            AppError::invalid("reason", Key::FieldRequired),
            "a decline says why"
        );
        assert_eq!(
            staff.call("console/service-requests", &[("state", "everything")]).await.error(),
            AppError::invalid("state", Key::FieldRequired)
        );
        assert_eq!(latest_request(&app).await.state, "submitted", "nothing changed");
        staff.call("services/act", &[("id", &id), ("action", "start")]).await.assert_ok();
        assert_eq!(act(&wang, &id, "withdraw").await.error(), AppError::Conflict(Key::ErrServiceNotNow), "work started");
        assert_eq!(audited(&app, "service.start").await, 1);
    }

    async fn a_declined_request_shows_its_reason_and_a_withdrawn_one_frees_the_service(app) {
        let legal = service_id(&app, "法律援助转介").await;
        let chen = app.signed_in("resident4@demo.jiayuan").await;
        ask(&chen, &legal, "房东不退押金，想咨询律师").await.assert_ok();
        let id = latest_request(&app).await.id.to_string();
        act(&chen, &id, "withdraw").await.assert_ok();
        ask(&chen, &legal, "房东不退押金，还是想咨询律师").await.assert_ok();
        let second = latest_request(&app).await.id.to_string();
        let staff = app.signed_in("staff1@demo.jiayuan").await;
        staff
            .call("services/act", &[("id", &second), ("action", "decline"), ("reason", "请直接到街道法律服务站")])
            .await
            .assert_ok();
        let detail: ServiceDetail = chen.call("services/detail", &[("id", &legal)]).await.json();
        let states: Vec<_> = detail.mine.iter().map(|m| m.state).collect();
        assert_eq!(states, vec![ServiceRequestState::Declined, ServiceRequestState::Withdrawn]);
        assert_eq!(detail.mine[0].decline_reason.as_deref(), Some("请直接到街道法律服务站"));
        let logged = audit_entry::Entity::find()
            .filter(audit_entry::Column::Action.eq("service.decline"))
            .one(&app.state.db)
            .await
            .unwrap()
            .unwrap();
        assert_eq!(logged.reason.as_deref(), Some("请直接到街道法律服务站"));
        let closed: ServiceQueue = staff.call("console/service-requests", &[("state", "declined")]).await.json();
        assert!(closed.items.iter().any(|i| i.id.to_string() == second));
        let open: ServiceQueue = staff.call("console/service-requests", &[]).await.json();
        assert!(open.items.iter().all(|i| i.state.is_open()));
    }

    async fn staff_add_and_pause_services_and_residents_only_see_open_ones(app) {
        let staff = app.signed_in("staff1@demo.jiayuan").await;
        let form = [
            ("name_zh", "助浴服务"),
            ("name_en", ""),
            ("summary_zh", "为行动不便的长者提供上门助浴，每周二、四。"),
            ("active", "on"),
        ];
        staff.call("services/save", &form).await.assert_ok();
        let bath = service_id(&app, "助浴服务").await;
        let added = service_project::Entity::find_by_id(bath.parse::<i64>().unwrap()).one(&app.state.db).await.unwrap().unwrap();
        assert_eq!(added.name_en, "助浴服务", "English falls back to Chinese");
        assert_eq!(audited(&app, "service.add").await, 1);

        let wang = app.signed_in("resident1@demo.jiayuan").await;
        assert_eq!(wang.call("services/save", &form).await.error(), AppError::Forbidden);
        let committee = app.signed_in("committee1@demo.jiayuan").await;
        assert_eq!(committee.call("services/save", &form).await.error(), AppError::Forbidden);
        let short = [("name_zh", "浴"), ("summary_zh", "太短")];
        let refused = staff.call("services/save", &short).await.error();
        assert_eq!(
            refused,
            AppError::Invalid(vec![
                app::domain::FieldError::new("name_zh", Key::FieldServiceName),
                app::domain::FieldError::new("summary_zh", Key::FieldServiceSummary),
            ])
        );

        let paused = [("id", bath.as_str()), ("name_zh", "助浴服务"), ("summary_zh", "为行动不便的长者提供上门助浴，每周二、四。")];
        staff.call("services/save", &paused).await.assert_ok();
        assert_eq!(audited(&app, "service.edit").await, 1);
        let catalogue: ServiceCatalogue = wang.call("services/catalogue", &[]).await.json();
        assert!(catalogue.services.iter().all(|s| s.name != "助浴服务"), "paused services are hidden");
        assert_eq!(wang.call("services/detail", &[("id", &bath)]).await.error(), AppError::NotFound);
        assert_eq!(ask(&wang, &bath, "想预约周二上门助浴").await.error(), AppError::NotFound);
        let for_staff: ServiceCatalogue = staff.call("services/catalogue", &[]).await.json();
        assert!(for_staff.services.iter().any(|s| s.name == "助浴服务" && !s.active));
    }
}
