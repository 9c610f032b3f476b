//! Adding a condition from the catalogue (or in the practitioner's own words),
//! and changing one: the catalogue's inputs, validated, and an explanation.

use super::case_licence::case_param;
use super::last_error;
use crate::api::caseload::get_case;
use crate::api::licence::{
    get_case_licence, get_template, get_templates, AddBespokeCondition, AddCondition, AddStandardConditions,
    EditCondition, SetLicenceSetup,
};
use crate::components::post_to;
use crate::components::{ConditionInputs, ErrorNotice, ErrorSummary, Field, InputKind, Page};
use crate::error::AppError;
use crate::islands::ReadabilityMeter;
use crate::model::catalogue::Details;
use crate::model::*;
use leptos::prelude::*;
use leptos_router::hooks::use_params_map;

fn param(name: &'static str) -> Option<String> {
    use_params_map().with_untracked(|p| p.get(name))
}

/// The catalogue to choose from, by licence part and category.
#[component]
pub fn ChooseConditionPage() -> impl IntoView {
    let id = case_param();
    let data = Resource::new_blocking(
        move || id,
        |id| async move {
            let case = get_case(id.ok_or(AppError::NotFound)?).await?;
            let version = case.policy_version.clone();
            let catalogue = get_templates(version.clone()).await?;
            Ok::<_, AppError>((case, catalogue, version))
        },
    );
    let error = last_error::<AddBespokeCondition>().or_else(|| last_error::<SetLicenceSetup>());
    view! {
        <Page title="Add a condition">
            <Suspense fallback=|| view! { <p>"Loading…"</p> }>
                {move || {
                    let error = error.clone();
                    Suspend::new(async move {
                        match data.await {
                            Ok((case, catalogue, version)) => view! { <Choose case catalogue version error /> }.into_any(),
                            Err(error) => view! { <ErrorNotice error sign_in="/practitioner/sign-in" /> }.into_any(),
                        }
                    })
                }}
            </Suspense>
        </Page>
    }
}

#[component]
fn Choose(
    case: CaseOverview,
    catalogue: crate::model::parts::LicenceCatalogue,
    version: String,
    error: Option<AppError>,
) -> impl IntoView {
    let case_id = case.entry.case_id;
    let licence_type = case.licence_type;
    // What was chosen but not saved comes back with its error.
    let kept = |name: &str| error.as_ref().and_then(|e| e.kept(name));
    let chosen_version = kept("version").unwrap_or_else(|| version.clone());
    let chosen_type = kept("licence_type").and_then(|t| LicenceType::parse(&t)).unwrap_or(licence_type);
    let setup_error = error.clone();
    // Where a part of this licence comes from another policy, said where it is chosen.
    let notes: Vec<String> = catalogue.sources.iter().filter_map(|s| s.note()).collect();
    let this_licence: Vec<String> = catalogue
        .sources
        .iter()
        .filter(|s| s.version == version && licence_type.includes(s.kind))
        .filter_map(|s| s.note())
        .collect();
    let mut sections: Vec<(String, Vec<Template>)> = Vec::new();
    for t in catalogue.templates.into_iter().filter(|t| licence_type.includes(t.licence)) {
        let from = if t.version == version { String::new() } else { format!(" (from policy {})", t.version) };
        let heading = match (t.standard, t.licence) {
            (true, LicenceKind::Ap) => format!("Standard licence conditions{from}"),
            (true, LicenceKind::Pss) => format!("Standard post-sentence supervision conditions{from}"),
            (false, LicenceKind::Pss) => format!("Post-sentence supervision: {}{from}", t.category),
            (false, LicenceKind::Ap) => format!("{}{from}", t.category),
        };
        match sections.iter_mut().find(|(h, _)| *h == heading) {
            Some((_, list)) => list.push(t),
            None => sections.push((heading, vec![t])),
        }
    }
    view! {
        <p><a href=format!("/caseload/{case_id}/licence")>"Back to the licence"</a></p>
        <ErrorSummary error=error.clone() />
        <h1>{format!("Add a condition for {}", case.entry.preferred_name)}</h1>
        <section class="card" aria-labelledby="setup-heading">
            <h2 id="setup-heading">"The licence"</h2>
            <form method="post" action={post_to::<SetLicenceSetup>()}>
                <input type="hidden" name="case_id" value=case_id.to_string() />
                <fieldset class="field" id="version">
                    <legend>"Policy version"</legend>
                    {["4.0", "3.0"]
                        .into_iter()
                        .map(|v| {
                            let rid = format!("version-{v}");
                            view! {
                                <div class="choice">
                                    <input type="radio" id=rid.clone() name="version" value=v checked=v == chosen_version />
                                    <label for=rid>{format!("Version {v}")}</label>
                                </div>
                            }
                        })
                        .collect_view()}
                </fieldset>
                <fieldset class="field" id="licence_type" aria-describedby="parts-notes">
                    <legend>"Type"</legend>
                    {LicenceType::ALL
                        .into_iter()
                        .map(|t| {
                            let rid = format!("type-{}", t.as_str());
                            view! {
                                <div class="choice">
                                    <input type="radio" id=rid.clone() name="licence_type" value=t.as_str() checked=t == chosen_type />
                                    <label for=rid>{t.label()}</label>
                                </div>
                            }
                        })
                        .collect_view()}
                    <div id="parts-notes">
                        {notes.into_iter().map(|n| view! { <p class="hint">{n}</p> }).collect_view()}
                    </div>
                </fieldset>
                <Field
                    name="pss_end"
                    label="Date post-sentence supervision ends"
                    hint="Needed for a licence then post-sentence supervision: it starts when the licence ends. Supervision alone runs to the case’s licence end date."
                    kind=InputKind::Date
                    error=setup_error
                    value=case.pss_end.map(|d| d.to_string())
                />
                <button type="submit" class="button button-secondary">"Save"</button>
            </form>
            {(!this_licence.is_empty())
                .then(|| {
                    view! {
                        <div class="banner" role="note" data-testid="parts-source">
                            <p><strong>{format!("This licence: policy {version}, {}.", licence_type.label().to_lowercase())}</strong></p>
                            {this_licence.into_iter().map(|n| view! { <p>{n}</p> }).collect_view()}
                        </div>
                    }
                })}
            <form method="post" action={post_to::<AddStandardConditions>()}>
                <input type="hidden" name="case_id" value=case_id.to_string() />
                <button type="submit" class="button">"Add all the standard conditions"</button>
            </form>
            <p class="hint">"Conditions already on the licence are not added twice."</p>
        </section>
        {sections
            .into_iter()
            .map(|(heading, list)| {
                view! {
                    <details class="catalogue-section">
                        <summary>{format!("{heading} ({})", list.len())}</summary>
                        <ul class="catalogue">
                            {list
                                .into_iter()
                                .map(|t| {
                                    view! {
                                        <li>
                                            <a href=format!("/caseload/{case_id}/licence/add/{}/{}", t.version, t.code)>{t.plain.headline.clone()}</a>
                                            <p class="hint">{t.text.clone()}</p>
                                        </li>
                                    }
                                })
                                .collect_view()}
                        </ul>
                    </details>
                }
            })
            .collect_view()}
        <section class="card" aria-labelledby="bespoke-heading">
            <h2 id="bespoke-heading">"A condition in your own words"</h2>
            <form method="post" action={post_to::<AddBespokeCondition>()}>
                <input type="hidden" name="case_id" value=case_id.to_string() />
                <fieldset class="field" id="licence">
                    <legend>"Part of"</legend>
                    {[LicenceKind::Ap, LicenceKind::Pss]
                        .into_iter()
                        .filter(|k| licence_type.includes(*k))
                        .enumerate()
                        .map(|(i, k)| {
                            let rid = format!("licence-{}", k.as_str());
                            view! {
                                <div class="choice">
                                    <input type="radio" id=rid.clone() name="licence" value=k.as_str() checked=i == 0 />
                                    <label for=rid>{k.label()}</label>
                                </div>
                            }
                        })
                        .collect_view()}
                </fieldset>
                <div class="field" class:field-error=error.as_ref().and_then(|e| e.field()) == Some("bespoke_text")>
                    <label for="bespoke_text">"The condition, as it is on the licence"</label>
                    <textarea id="bespoke_text" name="bespoke_text" rows="3">{error.as_ref().and_then(|e| e.kept("bespoke_text")).unwrap_or_default()}</textarea>
                </div>
                <ReadabilityMeter name="explanation".to_string() label="Your explanation in plain words".to_string() value=error.as_ref().and_then(|e| e.kept("explanation")).unwrap_or_default() />
                <button type="submit" class="button">"Add this condition"</button>
            </form>
        </section>
    }
}

/// One catalogue condition's inputs, to add it to the licence.
#[component]
pub fn AddConditionPage() -> impl IntoView {
    let id = case_param();
    let (version, code) = (param("version").unwrap_or_default(), param("code").unwrap_or_default());
    let data = Resource::new_blocking(
        move || (id, version.clone(), code.clone()),
        |(id, version, code)| async move {
            let id = id.ok_or(AppError::NotFound)?;
            Ok::<_, AppError>((get_case(id).await?, get_template(version, code).await?))
        },
    );
    let error = last_error::<AddCondition>();
    view! {
        <Page title="Add a condition">
            <Suspense fallback=|| view! { <p>"Loading…"</p> }>
                {move || {
                    let error = error.clone();
                    Suspend::new(async move {
                        match data.await {
                            Ok((case, template)) => {
                                let case_id = case.entry.case_id;
                                view! {
                                    <p><a href=format!("/caseload/{case_id}/licence/add")>"Back to the list"</a></p>
                                    <ErrorSummary error=error.clone() />
                                    <h1>{template.plain.headline.clone()}</h1>
                                    <p class="hint">{format!("{} · {} · policy {}", template.licence.label(), template.category, template.version)}</p>
                                    <blockquote>{template.text.clone()}</blockquote>
                                    <form method="post" action={post_to::<AddCondition>()}>
                                        <input type="hidden" name="case_id" value=case_id.to_string() />
                                        <input type="hidden" name="version" value=template.version.clone() />
                                        <input type="hidden" name="code" value=template.code.clone() />
                                        <ConditionInputs inputs=template.inputs.clone() details=Details::new() error=error.clone() />
                                        <ReadabilityMeter
                                            name="explanation".to_string()
                                            label="Your explanation (optional)".to_string()
                                            hint="In your own words, for this person. It is shown with Waymark's plain words.".to_string()
                                            value=error.as_ref().and_then(|e| e.kept("explanation")).unwrap_or_default()
                                        />
                                        <button type="submit" class="button">"Add to the licence"</button>
                                    </form>
                                }
                                    .into_any()
                            }
                            Err(error) => view! { <ErrorNotice error sign_in="/practitioner/sign-in" /> }.into_any(),
                        }
                    })
                }}
            </Suspense>
        </Page>
    }
}

/// The condition in the address (`/caseload/:id/licence/:cid/…`), live on its case.
pub(crate) async fn condition_in_address(
    id: Option<CaseId>,
    condition: Option<ConditionId>,
) -> Result<(CaseOverview, LicenceCondition), AppError> {
    let (case, licence) = get_case_licence(id.ok_or(AppError::NotFound)?).await?;
    let c = licence.conditions.into_iter().find(|c| Some(c.id) == condition).ok_or(AppError::NotFound)?;
    Ok((case, c))
}

pub(crate) fn condition_param() -> Option<ConditionId> {
    param("cid").and_then(|s| s.parse::<i64>().ok()).map(ConditionId)
}

/// Change a condition's values or explanation: a new version the person confirms again.
#[component]
pub fn EditConditionPage() -> impl IntoView {
    let id = case_param();
    let condition = condition_param();
    // Arrived from answering a request whose yes changes this condition.
    let from_request = leptos_router::hooks::use_query_map()
        .with_untracked(|q| q.get("request").and_then(|r| r.parse::<crate::model::request::RequestId>().ok()));
    let data = Resource::new_blocking(
        move || (id, condition),
        move |(id, condition)| async move {
            let (case, c) = condition_in_address(id, condition).await?;
            let template = match &c.template {
                Some((v, code)) => Some(get_template(v.clone(), code.clone()).await?),
                None => None,
            };
            let request = match from_request {
                Some(r) => crate::api::requests::get_case_requests(case.entry.case_id)
                    .await?
                    .into_iter()
                    .find(|x| x.id == r && x.answer.as_ref().is_some_and(|a| a.varies == Some(c.id))),
                None => None,
            };
            Ok::<_, AppError>((case, c, template, request))
        },
    );
    let error = last_error::<EditCondition>();
    let map_outcome = leptos_router::hooks::use_query_map().with_untracked(|q| q.get("map"));
    view! {
        <Page title="Change a condition">
            <Suspense fallback=|| view! { <p>"Loading…"</p> }>
                {move || {
                    let error = error.clone();
                    let map_outcome = map_outcome.clone();
                    Suspend::new(async move {
                        match data.await {
                            Ok((case, c, template, request)) => {
                                let case_id = case.entry.case_id;
                                let map_section = template.as_ref().filter(|t| t.takes_map(&c.details)).map(|_| {
                                    view! { <MapUpload case_id c=c.clone() name=case.entry.preferred_name.clone() outcome=map_outcome.clone() /> }
                                });
                                let answer = request.as_ref().and_then(|r| r.answer.as_ref());
                                let explanation = error
                                    .as_ref()
                                    .and_then(|e| e.kept("explanation"))
                                    .or_else(|| answer.and_then(|a| a.text.clone()))
                                    .or(c.explanation.clone())
                                    .unwrap_or_default();
                                let banner = request.as_ref().zip(answer).map(|(r, a)| {
                                    format!(
                                        "You answered {}'s request ({}): {}. Now change the condition to match; your answer is here to start the explanation.",
                                        case.entry.preferred_name,
                                        r.said.summary(),
                                        a.decision.label()
                                    )
                                });
                                view! {
                                    <p><a href=format!("/caseload/{case_id}/licence")>"Back to the licence"</a></p>
                                    {banner.map(|b| view! { <p class="banner" role="status">{b}</p> })}
                                    <ErrorSummary error=error.clone() />
                                    <h1>{c.headline.clone()}</h1>
                                    <p>"A change makes a new version. " {case.entry.preferred_name.clone()} " will be asked to read it and confirm again, and can see what changed."</p>
                                    <blockquote>{c.official_words.clone()}</blockquote>
                                    <form method="post" action={post_to::<EditCondition>()}>
                                        <input type="hidden" name="case_id" value=case_id.to_string() />
                                        <input type="hidden" name="condition_id" value=c.id.to_string() />
                                        {template.map(|t| view! { <ConditionInputs inputs=t.inputs details=c.details.clone() error=error.clone() /> })}
                                        <ReadabilityMeter name="explanation".to_string() label="Your explanation".to_string() value=explanation />
                                        <button type="submit" class="button">"Save the change"</button>
                                    </form>
                                    {map_section}
                                }
                                    .into_any()
                            }
                            Err(error) => view! { <ErrorNotice error sign_in="/practitioner/sign-in" /> }.into_any(),
                        }
                    })
                }}
            </Suspense>
        </Page>
    }
}

/// The condition's map: what is there, and a plain multipart form to add or
/// replace it (`outcome` is how the last upload went, from the address).
#[component]
fn MapUpload(case_id: CaseId, c: LicenceCondition, name: String, outcome: Option<String>) -> impl IntoView {
    use crate::components::ConditionMapView;
    use crate::model::map::MapRefusal;
    let refusal = outcome.as_deref().and_then(MapRefusal::parse);
    let saved = outcome.as_deref() == Some("saved");
    let src = format!("/caseload/{case_id}/licence/{}/map", c.id);
    view! {
        <section class="card" id="map" aria-labelledby="map-heading">
            <h2 id="map-heading">"The map"</h2>
            {saved.then(|| view! { <p class="banner" role="status">{format!("The map is saved. {name} will be asked to read this rule and confirm it again.")}</p> })}
            {match c.map {
                Some(map) => view! { <ConditionMapView src=src.clone() map caption="The map on this condition now." /> }.into_any(),
                None => view! { <p>{format!("No map yet. {name} sees the rule without one until you add it.")}</p> }.into_any(),
            }}
            <form method="post" action=src enctype="multipart/form-data" class:field-error=refusal.is_some()>
                <div class="field" class:field-error=refusal.is_some()>
                    <label for="map-file">{if c.map.is_some() { "Choose a new map" } else { "Choose the map" }}</label>
                    <p class="hint" id="map-hint">"A PDF, or a picture (PNG, JPEG or WebP), of 3 MB or less."</p>
                    {refusal.map(|r| view! { <p class="error-message" id="map-error" role="alert">{r.message()}</p> })}
                    <input
                        type="file"
                        id="map-file"
                        name="map"
                        accept="application/pdf,image/png,image/jpeg,image/webp"
                        aria-describedby=if refusal.is_some() { "map-hint map-error" } else { "map-hint" }
                    />
                </div>
                <button type="submit" class="button">"Upload the map"</button>
            </form>
        </section>
    }
}
