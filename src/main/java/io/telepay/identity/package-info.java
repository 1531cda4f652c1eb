/**
 * Staff users, roles, console sign-in with a second factor, and API keys for integrations.
 */
package io.telepay.identity;
