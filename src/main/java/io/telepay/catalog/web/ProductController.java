package io.telepay.catalog.web;

import java.net.URI;
import java.util.List;

import io.telepay.catalog.Catalog;
import io.telepay.catalog.Fulfilment;
import io.telepay.catalog.NewProduct;
import io.telepay.catalog.Product;
import io.telepay.catalog.ProductChange;
import io.telepay.catalog.ProductQuery;
import io.telepay.shared.Money;
import io.telepay.shared.Page;
import io.telepay.idempotency.Idempotent;
import org.springframework.http.ResponseEntity;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PatchMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** Products: everyone signed in reads them; admins and supervisors create and change them. */
@RestController
@RequestMapping("/api/v1/products")
class ProductController {

    private static final String EDITORS = "hasAnyRole('ADMIN', 'SUPERVISOR')";

    private final Catalog catalog;

    ProductController(Catalog catalog) {
        this.catalog = catalog;
    }

    record CreateProduct(String sku, String name, String description, Money price, Fulfilment fulfilment, Boolean active,
                         String script) {
    }

    @PostMapping
    @PreAuthorize(EDITORS)
    @Idempotent
    ResponseEntity<Product> create(@RequestBody CreateProduct body) {
        Product product = catalog.create(new NewProduct(body.sku(), body.name(), body.description(), body.price(),
                body.fulfilment(), body.active(), body.script()));
        return ResponseEntity.created(URI.create("/api/v1/products/" + product.id())).body(product);
    }

    /** Ordered by SKU; {@code active} filters, {@code q} searches SKU and name. */
    @GetMapping
    Page<Product> list(@RequestParam(required = false) Boolean active, @RequestParam(required = false) String q,
                       @RequestParam(required = false) String cursor, @RequestParam(required = false) Integer limit) {
        int size = Page.limit(limit);
        List<Product> products = catalog.list(new ProductQuery(active, q, cursor, size));
        return new Page<>(products, products.size() == size ? products.getLast().sku() : null);
    }

    @GetMapping("/{id}")
    Product get(@PathVariable String id) {
        return catalog.get(id);
    }

    @PatchMapping("/{id}")
    @PreAuthorize(EDITORS)
    Product change(@PathVariable String id, @RequestBody ProductChange body) {
        return catalog.change(id, body);
    }

    @PostMapping("/{id}/deactivate")
    @PreAuthorize(EDITORS)
    Product deactivate(@PathVariable String id) {
        return catalog.deactivate(id);
    }

    @PostMapping("/{id}/activate")
    @PreAuthorize(EDITORS)
    Product activate(@PathVariable String id) {
        return catalog.activate(id);
    }
}
