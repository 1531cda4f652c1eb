/**
 * Values and conventions every module shares: money, ids, the acting person, problem types.
 */
@org.springframework.modulith.ApplicationModule(type = org.springframework.modulith.ApplicationModule.Type.OPEN)
package io.telepay.shared;
