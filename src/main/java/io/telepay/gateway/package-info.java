/**
 * The port to acquirers and payment platforms, with its adapters: the sandbox acquirer that implements it
 * with the test cards of API.md so every failure path can be exercised for real, and Stripe (mode moto).
 */
package io.telepay.gateway;
