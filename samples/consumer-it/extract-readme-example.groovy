// Pre-build step of each consumer project: writes the README's embedding example (the ```java block that starts
// with the sample's package line) into the project's sources, so that it compiles and runs exactly what the README
// shows. Variables: basedir (the project), readmePath (samples/pom.xml).
def text = new File(readmePath).getText('UTF-8').replace('\r\n', '\n')
def block = text =~ /(?s)```java\n(package io\.pipelinemanager\.samples\.embedded;\n.*?)```/
assert block.find(): "README.md has no ```java block starting with 'package io.pipelinemanager.samples.embedded;'"
def source = block.group(1)
assert source.contains('public final class EmbeddedQuickStart'): 'the README example is no longer class EmbeddedQuickStart'
def target = new File(basedir, 'src/main/java/io/pipelinemanager/samples/embedded/EmbeddedQuickStart.java')
target.parentFile.mkdirs()
target.setText(source, 'UTF-8')
return true
