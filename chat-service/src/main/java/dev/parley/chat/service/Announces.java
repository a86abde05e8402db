package dev.parley.chat.service;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

import jakarta.interceptor.InterceptorBinding;

/**
 * On a method that returns a {@code Uni} and carries {@code @WithTransaction}: the events it publishes are delivered
 * and announced to the other replicas once its transaction has committed, and never if it fails.
 */
@InterceptorBinding
@Retention(RetentionPolicy.RUNTIME)
@Target({ElementType.METHOD, ElementType.TYPE})
public @interface Announces {
}
