/**
 * What the trust module's consumer pages share: how field errors are shown.
 */
package io.telepay.trust.pages;
