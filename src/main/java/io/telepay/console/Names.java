package io.telepay.console;

import io.telepay.customer.CustomerDirectory;
import io.telepay.identity.StaffDirectory;
import io.telepay.identity.StaffUser;
import io.telepay.shared.NotFound;
import org.springframework.stereotype.Component;

/** The names the console shows for ids: staff by display name, customers by name. An id out of reach stays an id. */
@Component
public class Names {

    private final StaffDirectory staff;
    private final CustomerDirectory customers;

    Names(StaffDirectory staff, CustomerDirectory customers) {
        this.staff = staff;
        this.customers = customers;
    }

    public String staff(String id) {
        return staff(id, id);
    }

    /** The staff user's display name, or {@code otherwise} for an id that is no staff user (an integration's key). */
    public String staff(String id, String otherwise) {
        return staff.find(id).map(StaffUser::displayName).orElse(otherwise);
    }

    public String customer(String id) {
        try {
            return customers.get(id).name();
        } catch (NotFound outOfReach) {
            return id;
        }
    }
}
