package io.telepay.console;

import java.util.List;

import io.telepay.shared.Role;

/**
 * The console's sections, in the order the top bar shows them, each for the roles that work there. A
 * page of another module's issue slots in as one more line here (and its controller under
 * {@code io.telepay.console}); those still to come are listed at the end with the path they will take.
 */
final class Navigation {

    /** One section: its message key (and {@code key + ".explain"} on the home page), path and roles. */
    record Item(String key, String path, List<Role> roles) {

        boolean visibleTo(Role role) {
            return roles.contains(role);
        }
    }

    static final List<Item> ITEMS = List.of(
            new Item("nav.desk", "/console/desk", List.of(Role.AGENT)),
            new Item("nav.payments", "/console/payments",
                    List.of(Role.AGENT, Role.SUPERVISOR, Role.ADMIN, Role.RISK_ANALYST, Role.AUDITOR)),
            new Item("nav.funnel", "/console/team/funnel", List.of(Role.SUPERVISOR, Role.ADMIN, Role.AGENT)),
            new Item("nav.live", "/console/team/live", List.of(Role.SUPERVISOR, Role.ADMIN)),
            new Item("nav.callbacks", "/console/team/callbacks", List.of(Role.SUPERVISOR, Role.ADMIN, Role.AGENT)),
            new Item("nav.approvals", "/console/team/approvals", List.of(Role.SUPERVISOR, Role.ADMIN)),
            new Item("nav.leadModels", "/console/team/lead-models", List.of(Role.SUPERVISOR, Role.ADMIN)),
            new Item("nav.held", "/console/team/held", List.of(Role.SUPERVISOR, Role.ADMIN, Role.RISK_ANALYST)),
            new Item("nav.alerts", "/console/risk/alerts", List.of(Role.RISK_ANALYST, Role.SUPERVISOR, Role.ADMIN)),
            new Item("nav.rules", "/console/risk/rules", List.of(Role.RISK_ANALYST, Role.ADMIN)),
            new Item("nav.lists", "/console/risk/lists", List.of(Role.RISK_ANALYST, Role.ADMIN)),
            new Item("nav.users", "/console/admin/users", List.of(Role.ADMIN)),
            new Item("nav.keys", "/console/admin/keys", List.of(Role.ADMIN)),
            new Item("nav.audit", "/console/admin/audit", List.of(Role.ADMIN, Role.AUDITOR)),
            new Item("nav.messages", "/console/admin/messages", List.of(Role.ADMIN)),
            new Item("nav.webhooks", "/console/admin/webhooks", List.of(Role.ADMIN)),
            new Item("nav.numbers", "/console/admin/numbers", List.of(Role.ADMIN)),
            new Item("nav.reports", "/console/trust/reports", List.of(Role.RISK_ANALYST, Role.SUPERVISOR, Role.ADMIN)));

    private Navigation() {
    }

    static List<Item> forRole(Role role) {
        return ITEMS.stream().filter(item -> item.visibleTo(role)).toList();
    }
}
