package io.flinks4j.spring.sample;

import org.springframework.boot.autoconfigure.SpringBootApplication;

/**
 * What a lender's application looks like with the starter: nothing flinks4j-specific beyond its
 * properties.
 */
@SpringBootApplication
public class SampleApplication {}
