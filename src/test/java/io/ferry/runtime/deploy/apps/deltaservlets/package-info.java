/** The servlet of test application "delta", outside the package that declares it. */
package io.ferry.runtime.deploy.apps.deltaservlets;
