"""nftables rulesets from ``nft -j list ruleset`` (a committed fixture made by nft 1.0.6)."""
from __future__ import annotations

import json
from pathlib import Path

import pytest

from designer.analysis.rulebase import ALLOW, DENY, endpoint_text
from designer.io.rulebase import read_rulebase
from designer.io.rulebase.nft_json import read
from designer.support.yamlsafe import InputError

FIXTURES = Path(__file__).parent / "fixtures"


@pytest.fixture(scope="module")
def features():
    return read_rulebase(FIXTURES / "features.json")


def test_the_forward_hook_is_read_with_its_policy_and_jumps_inlined(features):
    assert features.format == "nft-json" and features.scope == "network"
    assert [(c.name, c.policy) for c in features.chains] == [("inet fw forward (hook forward)", DENY)]
    wheres = [r.where for r in features.chains[0].rules]
    assert wheres[0] == "forward → edge, handle 8" and wheres[-1].startswith("forward → clients")


def test_named_interval_sets_prefixes_ranges_and_anonymous_port_sets(features):
    smtp = features.chains[0].rules[0]
    assert smtp.action == ALLOW and smtp.text == "SMTP in"
    assert endpoint_text(smtp.source) == "192.168.10.5"
    assert endpoint_text(smtp.destination) == "10.0.0.0/29, 10.0.1.10-10.0.1.20, 10.0.2.5"
    assert smtp.ports == {"TCP": ((25, 25), (587, 587), (2525, 2530))}


def test_deny_and_reject_deny_and_order_is_kept(features):
    actions = [(r.action, r.ports_text()) for r in features.chains[0].rules]
    assert actions[1] == (DENY, "TCP 3389") and actions[2] == (ALLOW, "TCP 3389")
    assert actions[-1] == (DENY, "any")  # ip daddr 10.0.4.0/24 reject


def test_return_ends_the_chain_and_goto_ends_its_caller(features):
    dests = [endpoint_text(r.destination) for r in features.chains[0].rules]
    assert "10.9.9.9" not in dests  # after an unconditional return
    assert "10.8.8.8" not in dests  # after an unconditional goto


def test_ip6_named_port_sets_l4proto_and_negation(features):
    rules = features.chains[0].rules
    v6 = rules[3]
    assert endpoint_text(v6.source) == "2001:db8::/64" and v6.ports == {"TCP": ((80, 80), (443, 443))}
    dns = rules[4]
    assert dns.ports == {"TCP": ((53, 53),), "UDP": ((53, 53),)}
    assert endpoint_text(dns.destination) == "not 10.0.0.53"


def test_what_cannot_be_judged_is_marked_and_interfaces_are_noted(features):
    concat = features.chains[0].rules[5]
    assert concat.conditional == "a match on concat"
    stun = features.chains[0].rules[6]
    assert stun.conditional is None and stun.ports == {"UDP": ((3478, 3481),)}
    assert any("Interface matches" in n for n in features.notes)


def test_ct_state_established_is_no_rule_for_a_new_connection(features):
    assert all(not (r.source.is_any and r.destination.is_any and r.ports is None and r.conditional is None)
               for r in features.chains[0].rules)


def test_input_hook_is_read_when_there_is_no_forward_hook():
    data = {"nftables": [
        {"chain": {"family": "ip", "table": "t", "name": "in", "type": "filter", "hook": "input", "prio": 0,
                   "policy": "accept"}},
        {"rule": {"family": "ip", "table": "t", "chain": "in", "handle": 2,
                  "expr": [{"match": {"op": "==", "left": {"payload": {"protocol": "tcp", "field": "dport"}},
                                      "right": 443}}, {"drop": None}]}}]}
    rb = read(data, "x.json")
    assert [(c.policy, len(c.rules)) for c in rb.chains] == [(ALLOW, 1)]
    assert any("input" in n for n in rb.notes)


def test_a_ruleset_without_filter_chains_filters_nothing():
    rb = read({"nftables": [{"metainfo": {"json_schema_version": 1}}]}, "x.json")
    assert rb.chains[0].policy == ALLOW and "filters nothing" in rb.notes[0]


@pytest.mark.parametrize("data,message", [
    ([], "not an nftables ruleset"),
    ({"nftables": {}}, "not an nftables ruleset"),
    ({"nftables": [1]}, r"nftables\[0\] is not an object"),
    ({"nftables": [{"rule": {"family": "ip"}}]}, "lacks its family or table"),
    ({"nftables": [{"chain": {"family": "ip", "table": "t", "name": "f", "hook": "forward"}},
                   {"rule": {"family": "ip", "table": "t", "chain": "f", "handle": 3,
                             "expr": [{"jump": {"target": "nowhere\u202e"}}]}}]},
     "jumps to the chain 'nowhere"),
])
def test_malformed_rulesets_get_one_clear_message(data, message):
    with pytest.raises(InputError, match=message) as caught:
        read(data, "rules.json")
    assert str(caught.value).startswith("rules.json: ")


def test_a_jump_loop_is_not_followed_forever():
    jump = lambda target: {"jump": {"target": target}}  # noqa: E731
    data = {"nftables": [
        {"chain": {"family": "inet", "table": "t", "name": "f", "hook": "forward", "policy": "drop"}},
        {"chain": {"family": "inet", "table": "t", "name": "a"}},
        {"rule": {"family": "inet", "table": "t", "chain": "f", "expr": [jump("a")]}},
        {"rule": {"family": "inet", "table": "t", "chain": "a", "expr": [jump("a")]}}]}
    rb = read(data, "loop.json")
    assert rb.chains[0].rules == [] and any("loop" in n for n in rb.notes)


def test_unknown_set_and_odd_values_make_a_rule_unjudged_not_a_crash():
    match = lambda right: {"match": {"op": "==", "left": {"payload": {"protocol": "ip", "field": "daddr"}},  # noqa: E731
                                     "right": right}}
    rules = [match("@missing"), match("not-an-ip"), match({"weird": 1}), match(True)]
    data = {"nftables": [{"chain": {"family": "ip", "table": "t", "name": "f", "hook": "forward"}}]
            + [{"rule": {"family": "ip", "table": "t", "chain": "f", "expr": [m, {"accept": None}]}} for m in rules]}
    rb = read(json.loads(json.dumps(data)), "odd.json")
    assert [r.conditional for r in rb.chains[0].rules] == [
        "the set @missing, which the ruleset does not define", "the address 'not-an-ip'",
        "a value of kind 'weird'", "a boolean"]


def test_a_jump_with_matches_restricts_the_rules_of_its_chain():
    saddr = lambda right: {"match": {"op": "==", "left": {"payload": {"protocol": "ip", "field": "saddr"}},  # noqa: E731
                                     "right": right}}
    data = {"nftables": [
        {"set": {"family": "inet", "table": "t", "name": "lan", "type": "ipv4_addr", "flags": ["interval"],
                 "elem": [{"prefix": {"addr": "10.0.0.0", "len": 24}}]}},
        {"chain": {"family": "inet", "table": "t", "name": "f", "hook": "forward", "policy": "accept"}},
        {"chain": {"family": "inet", "table": "t", "name": "c"}},
        {"rule": {"family": "inet", "table": "t", "chain": "f", "expr": [saddr("@lan"), {"jump": {"target": "c"}}]}},
        {"rule": {"family": "inet", "table": "t", "chain": "c", "expr": [saddr("10.0.0.18"), {"accept": None}]}},
        {"rule": {"family": "inet", "table": "t", "chain": "c", "expr": [saddr("10.1.0.5"), {"accept": None}]}},
        {"rule": {"family": "inet", "table": "t", "chain": "c", "expr": [{"accept": None}]}}]}
    rules = read(data, "jump.json").chains[0].rules
    assert [endpoint_text(r.source) for r in rules] == ["10.0.0.18", "no address (an empty set, or conditions that exclude each other)", "10.0.0.0/24"]
    assert rules[1].source.networks == ()  # 10.1.0.5 within 10.0.0.0/24: nothing
