package io.telepay.console;

import io.telepay.customer.CustomerDirectory;
import io.telepay.identity.StaffDirectory;
import io.telepay.identity.StaffUser;
import io.telepay.shared.NotFound;
import org.springframework.stereotype.Component;

/**
 * The names the console shows for ids: staff by display name, customers by name. An id out of reach stays an id.
 * Templates use {@code ${@names.of(id)}}.
 */
@Component("names")
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

    /** A staff user's or a customer's name for their id ({@code usr_…}, {@code cus_…}); any other id as it is. */
    public String of(String id) {
        if (id.startsWith("usr_")) {
            return staff(id);
        }
        return id.startsWith("cus_") ? customer(id) : id;
    }

    public String customer(String id) {
        try {
            return customers.get(id).name();
        } catch (NotFound outOfReach) {
            return id;
        }
    }
}
