/**
 * The catalog: products with their SKU, price, fulfilment and the call script agents read.
 */
package io.telepay.catalog;
