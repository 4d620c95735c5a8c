use crate::helpers::TestApp;
use crate::on_both_backends;
use app::dashboard::{Dashboard, WEEKS};
use app::error::AppError;
use app::i18n::Key;
use app::model::AuditPage;
use app::ssr::db::entities::{audit_entry, help_request, proposal, service_request};
use sea_orm::{ColumnTrait, EntityTrait, PaginatorTrait, QueryFilter};

async fn seed_activity(app: &TestApp) {
    let policy = app.state.policy.help.clone();
    let txn = app::ssr::db::begin_write(&app.state.db).await.unwrap();
    app::ssr::seed::seed_demo_activity(&txn, app.now(), &policy).await.expect("demo activity");
    txn.commit().await.unwrap();
}

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
            for path in ["/console/audit.csv", "/console/supervision.csv"] {
                assert_eq!(client.get(path).await.status, 403, "{email} {path}");
            }
        }
        let anonymous = app.client();
        assert_eq!(anonymous.call("console/summary", &[]).await.error(), AppError::Unauthenticated);
        assert_eq!(anonymous.call("console/audit", &[]).await.error(), AppError::Unauthenticated);
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
        assert_eq!(all.entries.len() as u64, total.min(50));
        assert!(all.actions.contains(&"account.verify".to_owned()), "{:?}", all.actions);
        let verified: AuditPage = admin.call("console/audit", &[("action", "account.verify")]).await.json();
        assert_eq!(verified.entries.len(), 1);
        assert_eq!(verified.entries[0].actor, "社工张老师");
        let by_name: AuditPage = admin.call("console/audit", &[("actor", "张老师")]).await.json();
        assert!(by_name.entries.iter().all(|e| e.actor == "社工张老师") && !by_name.entries.is_empty());
        let tomorrow = (app.now() + chrono::Duration::days(2)).format("%Y-%m-%d").to_string();
        let future: AuditPage = admin.call("console/audit", &[("from", &tomorrow)]).await.json();
        assert!(future.entries.is_empty());
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
