package io.telepay.identity.web;

import java.util.List;

import io.telepay.identity.Mfa;
import io.telepay.identity.NewStaffUser;
import io.telepay.identity.StaffDirectory;
import io.telepay.identity.StaffUser;
import io.telepay.shared.Page;
import io.telepay.shared.Role;
import org.springframework.http.HttpStatus;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

@RestController
@RequestMapping("/api/v1/users")
@PreAuthorize("hasRole('ADMIN')")
class UserController {

    private final StaffDirectory staff;
    private final Mfa mfa;

    UserController(StaffDirectory staff, Mfa mfa) {
        this.staff = staff;
        this.mfa = mfa;
    }

    record CreateUser(String username, String displayName, Role role, String password, String team, String email) {
        @Override
        public String toString() {
            return "CreateUser[username=" + username + ", role=" + role + "]";
        }
    }

    @PostMapping
    @ResponseStatus(HttpStatus.CREATED)
    StaffUser create(@RequestBody CreateUser body) {
        return staff.create(new NewStaffUser(body.username(), body.displayName(), body.role(), body.team(), body.password(), body.email()));
    }

    @GetMapping
    Page<StaffUser> list(@RequestParam(required = false) String cursor, @RequestParam(required = false) Integer limit) {
        int size = Page.limit(limit);
        List<StaffUser> users = staff.list(cursor, size);
        return new Page<>(users, users.size() == size ? users.getLast().username() : null);
    }

    @GetMapping("/{id}")
    StaffUser get(@PathVariable String id) {
        return staff.get(id);
    }

    @PostMapping("/{id}/disable")
    StaffUser disable(@PathVariable String id) {
        return staff.setEnabled(id, false);
    }

    @PostMapping("/{id}/enable")
    StaffUser enable(@PathVariable String id) {
        return staff.setEnabled(id, true);
    }

    record ChangeRole(Role role) {
    }

    /** Ends the user's console sessions and revokes their API keys (they carry the old role). */
    @PostMapping("/{id}/role")
    StaffUser changeRole(@PathVariable String id, @RequestBody ChangeRole body) {
        return staff.changeRole(id, body.role());
    }

    record ResetPassword(String password) {
        @Override
        public String toString() {
            return "ResetPassword[***]";
        }
    }

    /** Sets a new password (the policy applies) and ends the user's console sessions. */
    @PostMapping("/{id}/password")
    StaffUser resetPassword(@PathVariable String id, @RequestBody ResetPassword body) {
        staff.changePassword(id, body.password());
        return staff.get(id);
    }

    @PostMapping("/{id}/mfa/reset")
    StaffUser resetMfa(@PathVariable String id) {
        staff.get(id);
        mfa.reset(id);
        return staff.get(id);
    }

    @PostMapping("/{id}/unlock")
    StaffUser unlock(@PathVariable String id) {
        return staff.unlock(id);
    }
}
