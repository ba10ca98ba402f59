/**
 * Test applications for {@link io.ferry.runtime.deploy.SipApplicationModel} (JSR 289 annotations): one
 * subpackage per {@code @SipApplication}, some of them deliberately broken.
 */
package io.ferry.runtime.deploy.apps;
