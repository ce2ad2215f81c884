//! A checker of brat's `annotation.conf` against an `.ann`, written apart from the crate's
//! writer (shared by the property tests and the format tests, without proptest).

#![allow(dead_code)]

use std::collections::{HashMap, HashSet};

/// What an `.ann` uses that its brat `annotation.conf` does not declare, each as
/// `"<what> <name>"` (empty when brat would accept every line), read here apart from the crate's
/// writer: `T` types among the entities (or the events, for a trigger), `R` types among the
/// relations, `E` types among the events with each role (repeats numbered, `Source2`) among the
/// event's roles, `A`/`M` names among the attributes with their value among its values. Also
/// names declared twice in one section.
pub fn undeclared_brat_types(conf: &str, ann: &str) -> Vec<String> {
    let mut section = "";
    let mut entities = HashSet::new();
    let mut relations = HashSet::new();
    let mut events: HashMap<String, HashSet<String>> = HashMap::new();
    let mut attributes: HashMap<String, HashSet<String>> = HashMap::new();
    let mut out = Vec::new();
    for line in conf.lines() {
        let line = line.trim_end();
        if line.trim().is_empty() || line.trim_start().starts_with('#') {
            continue;
        }
        if line.starts_with('[') && line.ends_with(']') {
            section = match line {
                "[entities]" => "entities",
                "[relations]" => "relations",
                "[events]" => "events",
                "[attributes]" => "attributes",
                other => {
                    out.push(format!("section {other}"));
                    ""
                }
            };
            continue;
        }
        let (name, args) = line.split_once('\t').unwrap_or((line, ""));
        let name = name.trim().to_owned();
        let fresh = match section {
            "entities" => entities.insert(name.clone()),
            "relations" => name == "<OVERLAP>" || relations.insert(name.clone()),
            "events" => {
                let roles = args
                    .split(',')
                    .filter_map(|a| a.trim().split_once(':'))
                    .map(|(role, _)| role.trim_end_matches(['*', '+', '?', '{', '}']).to_owned())
                    .collect();
                events.insert(name.clone(), roles).is_none()
            }
            "attributes" => {
                let values = args
                    .split(',')
                    .filter_map(|a| a.trim().strip_prefix("Value:"))
                    .flat_map(|v| v.split('|').map(str::to_owned))
                    .collect();
                attributes.insert(name.clone(), values).is_none()
            }
            _ => true,
        };
        if !fresh {
            out.push(format!("twice {name}"));
        }
    }
    for line in ann.lines().filter(|l| !l.is_empty()) {
        let mut parts = line.split('\t');
        let id = parts.next().unwrap_or_default();
        let body = parts.next().unwrap_or_default();
        let mut words = body.split(' ');
        let head = words.next().unwrap_or_default();
        match id.chars().next() {
            Some('T') if !entities.contains(head) && !events.contains_key(head) => {
                out.push(format!("entity {head}"));
            }
            Some('R') if !relations.contains(head) => out.push(format!("relation {head}")),
            Some('E') => {
                let kind = head.split(':').next().unwrap_or_default();
                match events.get(kind) {
                    None => out.push(format!("event {kind}")),
                    Some(roles) => {
                        for w in words {
                            let role = w.split(':').next().unwrap_or_default();
                            let base = role.trim_end_matches(|c: char| c.is_ascii_digit());
                            if !roles.contains(base) {
                                out.push(format!("role {kind}.{role}"));
                            }
                        }
                    }
                }
            }
            Some('A' | 'M') => match attributes.get(head) {
                None => out.push(format!("attribute {head}")),
                Some(values) => {
                    let value = body.split(' ').nth(2);
                    if let Some(v) = value.filter(|v| !values.contains(*v)) {
                        out.push(format!("value {head}={v}"));
                    }
                }
            },
            _ => {}
        }
    }
    out
}
