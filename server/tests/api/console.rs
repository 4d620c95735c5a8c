use crate::helpers::TestApp;
use crate::on_both_backends;
use app::dashboard::{Dashboard, WEEKS};
use app::error::AppError;
use app::help::Triage;
use app::i18n::Key;
use app::model::{AuditPage, Listing, PendingAccount, PersonSummary};
use app::services::ServiceQueue;
use app::ssr::db::entities::{account, audit_entry, help_request, proposal, service_request};
use sea_orm::{
    ActiveModelTrait, ActiveValue::NotSet, ColumnTrait, EntityTrait, PaginatorTrait, QueryFilter, QueryOrder, Set,
};

async fn seed_activity(app: &TestApp) {
    let policy = app.state.policy.help.clone();
    let txn = app::ssr::db::begin_write(&app.state.db).await.unwrap();
    app::ssr::seed::seed_demo_activity(&txn, app.now(), &policy).await.expect("demo activity");
    txn.commit().await.unwrap();
}

/// Every list the console exports.
const CSV_LISTS: [&str; 6] = [
    "/console/audit.csv",
    "/console/supervision.csv",
    "/console/services.csv",
    "/console/verify.csv",
    "/console/triage.csv",
    "/console/people.csv",
];

on_both_backends! {
    async fn the_dashboard_counts_and_charts_match_the_database(app) {
        seed_activity(&app).await;
        let staff = app.signed_in("staff1@demo.jiayuan").await;
        let d: Dashboard = staff.call("console/summary", &[]).await.json();
        let db = &app.state.db;
        let open = help_request::Entity::find().filter(help_request::Column::State.eq("open")).count(db).await.unwrap();
        assert_eq!(d.open_help, open);
        assert!(open > 0, "the demo has open requests");
        let escalated = help_request::Entity::find()
            .filter(help_request::Column::State.eq("open"))
            .filter(help_request::Column::EscalationLevel.gte(2))
            .count(db)
            .await
            .unwrap();
        assert_eq!(d.escalated_help, escalated);
        let review = proposal::Entity::find().filter(proposal::Column::State.eq("under_review")).count(db).await.unwrap();
        assert_eq!(d.awaiting_review, review);
        let services = service_request::Entity::find()
            .filter(service_request::Column::State.is_in(["submitted", "accepted", "in_progress"]))
            .count(db)
            .await
            .unwrap();
        assert_eq!(d.open_service_requests, services);
        assert_eq!(services, 3, "the demo's open service requests");

        let per_week = &d.charts[0];
        assert_eq!(per_week.bars.len(), WEEKS);
        assert_eq!(per_week.series.len(), 4, "one series per urgency");
        let charted: u32 = per_week.bars.iter().map(|b| b.total()).sum();
        assert_eq!(charted as u64, help_request::Entity::find().count(db).await.unwrap(), "every recent request");
        let urgent = help_request::Entity::find().filter(help_request::Column::Urgency.eq("urgent")).count(db).await.unwrap();
        assert_eq!(per_week.bars.iter().map(|b| b.values[0]).sum::<u32>() as u64, urgent);
        let resolved = help_request::Entity::find().filter(help_request::Column::State.eq("resolved")).count(db).await.unwrap();
        assert_eq!(d.charts[2].bars.iter().map(|b| b.total()).sum::<u32>() as u64, resolved);
        let ratings = &d.charts[4];
        let rated_this_quarter = service_request::Entity::find()
            .all(db)
            .await
            .unwrap()
            .into_iter()
            .filter(|r| r.rated_at.is_some_and(|t| app::ssr::services::quarter_of(t) == app::ssr::services::quarter_of(app.now())))
            .count();
        assert_eq!(ratings.bars.iter().map(|b| b.total()).sum::<u32>() as usize, rated_this_quarter);

        // The page draws the same figures as SVG.
        let html = staff.get("/console").await.body;
        assert!(html.contains("<svg") && html.contains("data-testid=\"chart-help\""));
        assert!(html.contains(&format!("data-testid=\"open-help\">{open}<")));
    }

    async fn residents_and_volunteers_reach_no_console_function(app) {
        for email in ["resident1@demo.jiayuan", "volunteer1@demo.jiayuan", "pending1@demo.jiayuan"] {
            let client = app.signed_in(email).await;
            for endpoint in [
                "console/summary",
                "console/audit",
                "console/service-requests",
                "console/supervision",
                "console/pending",
                "console/people",
            ] {
                let refused = client.call(endpoint, &[("query", "王")]).await.error();
                assert!(matches!(refused, AppError::Forbidden | AppError::NotVerified), "{email} {endpoint}: {refused:?}");
            }
            let client_triage = client.call("help/triage", &[]).await.error();
            assert!(matches!(client_triage, AppError::Forbidden | AppError::NotVerified), "{email} triage");
            for path in CSV_LISTS {
                assert_eq!(client.get(path).await.status, 403, "{email} {path}");
            }
        }
        let anonymous = app.client();
        assert_eq!(anonymous.call("console/summary", &[]).await.error(), AppError::Unauthenticated);
        assert_eq!(anonymous.call("console/audit", &[]).await.error(), AppError::Unauthenticated);
        for path in CSV_LISTS {
            assert_eq!(anonymous.get(path).await.status, 401, "{path}");
        }
    }

    async fn console_lists_page_search_and_export_what_they_show(app) {
        seed_activity(&app).await;
        let db = &app.state.db;
        // 23 more people waiting, so the verification queue runs to a second page.
        let template = account::Entity::find().filter(account::Column::Email.eq("pending1@demo.jiayuan")).one(db).await.unwrap().unwrap();
        for i in 0..23 {
            let mut person: account::ActiveModel = template.clone().into();
            person.id = NotSet;
            person.display_name = Set(format!("排队居民{i:02}"));
            person.email = Set(Some(format!("queue{i}@example.cn")));
            person.phone = Set(Some(format!("+86139000000{i:02}")));
            person.created_at = Set(app.now() + chrono::Duration::seconds(i));
            person.insert(db).await.unwrap();
        }
        let staff = app.signed_in("staff1@demo.jiayuan").await;
        let first: Listing<PendingAccount> = staff.call("console/pending", &[]).await.json();
        let second: Listing<PendingAccount> = staff.call("console/pending", &[("page", "1")]).await.json();
        assert_eq!((first.total, first.items.len(), first.more), (24, 20, true));
        assert_eq!((second.items.len(), second.more), (4, false));
        let mut ids: Vec<i64> = first.items.iter().chain(&second.items).map(|p| p.id.0).collect();
        ids.sort();
        ids.dedup();
        assert_eq!(ids.len(), 24, "pages neither repeat nor skip anyone");

        let searched: Listing<PendingAccount> = staff.call("console/pending", &[("q", "排队居民0")]).await.json();
        assert_eq!(searched.total, 10);
        let csv = staff.get("/console/verify.csv?q=排队居民0").await;
        assert!(csv.status.is_success());
        assert!(csv.body.starts_with('\u{feff}') && csv.body.contains("称呼"), "a BOM and the caller's language");
        assert_eq!(csv.body.lines().count(), 11, "a header and the ten found");
        assert!(!csv.body.contains("+8613900000003") && csv.body.contains("+86 139****0003"), "contacts masked");
        let room = template.room.clone().unwrap();
        assert!(!csv.body.contains(&format!(" {room}")), "the address stops at the building");

        // Triage: the open requests of staff's community, searchable by description.
        let open = help_request::Entity::find().filter(help_request::Column::State.eq("open")).count(db).await.unwrap();
        let triage: Triage = staff.call("help/triage", &[]).await.json();
        assert_eq!(triage.requests.total, open);
        let one = help_request::Entity::find().filter(help_request::Column::State.eq("open")).one(db).await.unwrap().unwrap();
        let fragment: String = one.description.chars().skip(2).take(6).collect();
        let found: Triage = staff.call("help/triage", &[("q", &fragment)]).await.json();
        assert!(found.requests.total >= 1 && found.requests.total < open, "{fragment}");
        assert!(found.requests.items.iter().all(|r| r.description.contains(&fragment)));
        let csv = staff.get("/console/triage.csv").await;
        assert_eq!(csv.body.lines().count() as u64, open + 1);

        // The service queue's file has no phone numbers, although the screen shows them.
        let queue: ServiceQueue = staff.call("console/service-requests", &[]).await.json();
        let csv = staff.get("/console/services.csv").await;
        assert_eq!(csv.body.lines().count() as u64, queue.total + 1);
        assert!(queue.total > 0);
        assert!(queue.items.iter().all(|item| item.phone.is_empty() || !csv.body.contains(&item.phone)));

        // People, for the admin who grants roles.
        let admin = app.signed_in("admin@demo.jiayuan").await;
        let people: Listing<PersonSummary> = admin.call("console/people", &[("q", "排队")]).await.json();
        assert_eq!((people.total, people.items.len(), people.more), (23, 20, true));
        let csv = admin.get("/console/people.csv?q=排队").await;
        assert_eq!(csv.body.lines().count(), 24);
        assert!(!csv.body.contains("+8613900000"), "numbers masked");

        // Every export is on the audit log, with what it was filtered by.
        let exports = audit_entry::Entity::find()
            .filter(audit_entry::Column::Action.eq("export"))
            .order_by_asc(audit_entry::Column::Id)
            .all(db)
            .await
            .unwrap();
        let lists: Vec<&str> = exports.iter().map(|e| e.object_type.as_str()).collect();
        assert_eq!(lists, ["verification_queue", "help_requests", "service_requests", "people"]);
        assert_eq!(exports[0].reason.as_deref(), Some("排队居民0"));
        assert_eq!(exports[0].actor_id, Some(app.account_id("staff1@demo.jiayuan").await));
        assert_eq!(exports[0].community_id, template.community_id, "filed where the admins of that community see it");
    }

    async fn admins_read_and_filter_the_audit_log_and_export_it(app) {
        // Two audited actions: a role grant (seeded) and a verification.
        let staff = app.signed_in("staff1@demo.jiayuan").await;
        let pending = app.account_id("pending1@demo.jiayuan").await.to_string();
        staff.call("console/verify", &[("account_id", &pending)]).await.assert_ok();
        assert_eq!(staff.call("console/audit", &[]).await.error(), AppError::Forbidden, "staff do not read the log");
        let committee = app.signed_in("committee1@demo.jiayuan").await;
        assert_eq!(committee.call("console/audit", &[]).await.error(), AppError::Forbidden);

        let admin = app.signed_in("admin@demo.jiayuan").await;
        let all: AuditPage = admin.call("console/audit", &[]).await.json();
        let total = audit_entry::Entity::find().count(&app.state.db).await.unwrap();
        assert_eq!((all.entries.total, all.entries.items.len() as u64), (total, total.min(20)));
        assert!(all.actions.contains(&"account.verify".to_owned()), "{:?}", all.actions);
        let verified: AuditPage = admin.call("console/audit", &[("action", "account.verify")]).await.json();
        assert_eq!(verified.entries.items.len(), 1);
        assert_eq!(verified.entries.items[0].actor, "社工张老师");
        let by_name: AuditPage = admin.call("console/audit", &[("actor", "张老师")]).await.json();
        assert!(by_name.entries.items.iter().all(|e| e.actor == "社工张老师") && by_name.entries.total > 0);
        let tomorrow = (app.now() + chrono::Duration::days(2)).format("%Y-%m-%d").to_string();
        let future: AuditPage = admin.call("console/audit", &[("from", &tomorrow)]).await.json();
        assert_eq!(future.entries.total, 0);
        assert_eq!(
            admin.call("console/audit", &[("action", "drop table")]).await.error(),
            AppError::invalid("action", Key::FieldAuditAction),
            "the action filter is an allow-list"
        );
        assert_eq!(
            admin.call("console/audit", &[("from", "yesterday")]).await.error(),
            AppError::invalid("from", Key::FieldDate)
        );

        let csv = admin.get("/console/audit.csv?action=account.verify").await;
        assert!(csv.status.is_success());
        assert_eq!(csv.body.lines().count(), 2, "a header and the one verification");
        let exported = audit_entry::Entity::find()
            .filter(audit_entry::Column::Action.eq("export"))
            .filter(audit_entry::Column::ObjectType.eq("audit_log"))
            .count(&app.state.db)
            .await
            .unwrap();
        assert_eq!(exported, 1, "exporting the log is itself logged");
    }
}
