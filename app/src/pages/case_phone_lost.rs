//! "This phone is lost": a plain question first (GET), then the action (a
//! form post that works without JavaScript).

use crate::api::caseload::{get_case, PhoneLost};
use crate::components::post_to;
use crate::components::{ErrorNotice, Page};
use leptos::prelude::*;

#[component]
pub fn CasePhoneLostPage() -> impl IntoView {
    let id = super::case::case_in_path();
    let case = Resource::new_blocking(move || id.clone(), |id| async move { get_case(id?).await });
    view! {
        <Page title="Phone lost">
            <Suspense fallback=|| view! { <p>"Loading…"</p> }>
                {move || Suspend::new(async move {
                    match case.await {
                        Ok(case) => {
                            let (id, name) = (case.entry.case_id, case.entry.preferred_name);
                            view! {
                                <p><a href=format!("/caseload/{id}")>{format!("Back to {name}")}</a></p>
                                <h1>{format!("Is {name}'s phone lost?")}</h1>
                                <p>"Use this if their phone is lost, stolen, sold or in someone else's hands. It will:"</p>
                                <ul>
                                    <li>"sign Waymark out on every phone they used"</li>
                                    <li>"turn off every link they shared with family or friends"</li>
                                    <li>"stop their PIN working"</li>
                                    <li>"make a new code, so they can start again on a new phone"</li>
                                </ul>
                                <form method="post" action={post_to::<PhoneLost>()}>
                                    <input type="hidden" name="case_id" value=id.to_string() />
                                    <button type="submit" class="button button-warning">"Yes, this phone is lost"</button>
                                </form>
                                <p><a href=format!("/caseload/{id}")>"No, go back"</a></p>
                            }
                                .into_any()
                        }
                        Err(error) => view! { <ErrorNotice error sign_in="/practitioner/sign-in" /> }.into_any(),
                    }
                })}
            </Suspense>
        </Page>
    }
}
