//! The discussion under a proposal or a forum topic: stances (proposals), replies, reports,
//! and moderation. One component for both, as one service serves both.

use crate::api::deliberation::{HideComment, PostComment, ReportComment, load_thread};
use crate::components::form::{FormError, FormKey, error_of, field_of, saves};
use crate::components::t;
use crate::deliberation::{CommentView, Stance, Subject, Thread};
use crate::i18n::Key;
use crate::pages::{ErrorPanel, Loading};
use leptos::prelude::*;

/// The request fields naming a subject: `proposal` or `topic`.
fn ids(subject: Subject) -> (Option<i64>, Option<i64>) {
    match subject {
        Subject::Proposal(id) => (Some(id), None),
        Subject::Topic(id) => (None, Some(id)),
    }
}

#[derive(Clone, Copy)]
struct Actions {
    post: ServerAction<PostComment>,
    report: ServerAction<ReportComment>,
    hide: ServerAction<HideComment>,
}

#[component]
pub fn Discussion(subject: Subject, #[prop(default = Key::CommentsTitle)] title: Key) -> impl IntoView {
    let actions = Actions {
        post: ServerAction::<PostComment>::new(),
        report: ServerAction::<ReportComment>::new(),
        hide: ServerAction::<HideComment>::new(),
    };
    let saved = [saves(actions.post.value()), saves(actions.report.value()), saves(actions.hide.value())];
    let thread = Resource::new(
        move || saved.iter().map(|m| m.get()).sum::<usize>(),
        move |_| {
            let (proposal, topic) = ids(subject);
            load_thread(proposal, topic)
        },
    );
    view! {
        <section class="card" data-testid="discussion" aria-labelledby="discussion-title">
            <h2 id="discussion-title">{t(title)}</h2>
            <FormError error=error_of(actions.report.value())/>
            <FormError error=error_of(actions.hide.value())/>
            <Transition fallback=Loading>
                <ErrorBoundary fallback=|errors| view! { <ErrorPanel errors/> }>
                    {move || Suspend::new(async move {
                        thread.await.map(|th| view! { <ThreadView thread=th subject actions/> })
                    })}
                </ErrorBoundary>
            </Transition>
        </section>
    }
}

#[component]
fn ThreadView(thread: Thread, subject: Subject, actions: Actions) -> impl IntoView {
    let c = thread.counts;
    let moderator = thread.can_moderate;
    let can_comment = thread.can_comment;
    view! {
        {subject.takes_stances().then(|| view! {
            <p class="small muted stance-counts">
                {t(Key::StanceFor)}" "{c.for_}" · "{t(Key::StanceAgainst)}" "{c.against}" · "{t(Key::StanceQuestion)}" "{c.question}
            </p>
        })}
        {if thread.comments.is_empty() {
            view! { <p class="muted">{t(Key::CommentsEmpty)}</p> }.into_any()
        } else {
            view! {
                <ul class="comments">
                    {thread.comments.into_iter().map(|c| view! {
                        <Comment c subject actions moderator can_reply=can_comment/>
                    }).collect_view()}
                </ul>
            }.into_any()
        }}
        {can_comment.then(|| view! { <CommentForm subject actions/> })}
    }
}

#[component]
fn Comment(c: CommentView, subject: Subject, actions: Actions, moderator: bool, can_reply: bool) -> impl IntoView {
    let id = c.id;
    let hidden = c.hidden_reason.is_some();
    let top = can_reply && !hidden;
    let replies = c.replies;
    view! {
        <li class="comment" data-testid="comment">
            <p class="small">
                <strong>{c.author}</strong>
                {c.stance.map(|s| view! { " "<span class=format!("badge stance-{}", s.as_str())>{t(s.label())}</span> })}
                <span class="muted">" · "{c.when}</span>
                {(moderator && c.reports > 0).then(|| view! {
                    <span class="badge urgent">" "{t(Key::CommentReports)}" "{c.reports}</span>
                })}
            </p>
            {match c.hidden_reason {
                Some(reason) => view! { <p class="muted small">{t(Key::CommentHidden)}{reason}</p> }.into_any(),
                None => view! { <p class="pre-wrap">{c.body}</p> }.into_any(),
            }}
            {(!hidden && !c.mine && can_reply).then(|| if c.i_reported {
                view! { <span class="small muted">{t(Key::CommentReported)}</span> }.into_any()
            } else {
                view! {
                    <ActionForm action=actions.report attr:class="inline">
                        <input type="hidden" name="id" value=id/>
                        <button type="submit" class="link small">{t(Key::CommentReport)}</button>
                    </ActionForm>
                }.into_any()
            })}
            {(moderator && !hidden).then(|| view! {
                <details class="moderate">
                    <summary class="small">{t(Key::CommentHide)}</summary>
                    <ActionForm action=actions.hide attr:class="form">
                        <input type="hidden" name="id" value=id/>
                        <div class="field">
                            <label for=format!("f-hide-{id}")>{t(Key::CommentHideReason)}</label>
                            <input id=format!("f-hide-{id}") name="reason" required=true maxlength="200"/>
                        </div>
                        <button type="submit" class="button">{t(Key::CommentHide)}</button>
                    </ActionForm>
                </details>
            })}
            {(!replies.is_empty()).then(|| view! {
                <ul class="comments replies">
                    {replies.into_iter().map(|r| view! {
                        <Comment c=r subject actions moderator can_reply=false/>
                    }.into_any()).collect_view()}
                </ul>
            })}
            {top.then(|| view! {
                <details class="reply">
                    <summary class="small">{t(Key::CommentReply)}</summary>
                    <ActionForm action=actions.post attr:class="form">
                        <FormKey/>
                        <input type="hidden" name=subject.kind() value=subject.id()/>
                        <input type="hidden" name="parent" value=id/>
                        <div class="field">
                            <label for=format!("f-reply-{id}")>{t(Key::CommentReplyLabel)}</label>
                            <textarea id=format!("f-reply-{id}") name="body" rows="2" maxlength="1000" required=true></textarea>
                        </div>
                        <button type="submit" class="button">{t(Key::CommentReply)}</button>
                    </ActionForm>
                </details>
            })}
        </li>
    }
}

#[component]
fn CommentForm(subject: Subject, actions: Actions) -> impl IntoView {
    let error = error_of(actions.post.value());
    let body_error = move || field_of(error, "body").get();
    view! {
        <ActionForm action=actions.post attr:class="form" attr:data-testid="comment-form">
            <FormError error/>
            <FormKey/>
            <input type="hidden" name=subject.kind() value=subject.id()/>
            <Show when=move || subject.takes_stances()>
            <fieldset>
                <legend>{t(Key::CommentStance)}</legend>
                <div class="choices">
                    {Stance::ALL.into_iter().map(|s| {
                        let input_id = format!("f-stance-{}", s.as_str());
                        view! {
                            <div class="field checkbox">
                                <input type="radio" id=input_id.clone() name="stance" value=s.as_str() checked=s == Stance::For/>
                                <label for=input_id>{t(s.label())}</label>
                            </div>
                        }
                    }).collect_view()}
                </div>
            </fieldset>
            </Show>
            <div class="field" class:has-error=move || body_error().is_some()>
                <label for="f-comment-body">{t(Key::CommentLabel)}</label>
                <textarea id="f-comment-body" name="body" rows="3" maxlength="1000" required=true></textarea>
                <Show when=move || body_error().is_some()>
                    <p class="field-error">{move || body_error().map(t)}</p>
                </Show>
            </div>
            <button type="submit" class="button primary wide">{t(Key::CommentPost)}</button>
        </ActionForm>
    }
}
