import { defineFramework } from '../../types';

/** Spring Boot: recognised in manifests, not indexed yet (no contributions): its projects get a note, and
 * calls that may target them are reported as not checked rather than missing. */
export default defineFramework({
  id: 'spring',
  title: 'Spring Boot',
  language: 'java',
  docs: 'https://docs.spring.io/spring-framework/reference/web/webmvc/mvc-controller/ann-requestmapping.html',
  supports: {},
  detection: { deps: ['spring-boot-starter-web'], defaultPort: 8080 },
});
