// Post-build check of each consumer project: every run of the README example (target/<run>.txt, stdout and stderr
// of one JVM) printed the README's output: the empty snapshot, the first step's typed changes, the query result.
// Variables: basedir (the project), runs (the output files the project's build must have written).
runs.each { name ->
    def file = new File(basedir, 'target/' + name)
    assert file.isFile(): "${name} missing"
    def output = file.getText('UTF-8')
    def lines = output.readLines()
    def context = "\n--- ${name} ---\n${output}"
    assert lines.count { it == 'step 0: []' } == 1: "no empty snapshot line${context}"
    def step = lines.findAll { it.startsWith('step 1: [') }
    assert step.size() == 1 && step[0].contains('insert Total[customer=ann, total=12.50]')
            && step[0].contains('insert Total[customer=bob, total=3.00]'): "no first step with ann and bob${context}"
    assert lines.count { it == '[[ann, 12.50], [bob, 3.00]]' } == 1: "no query result${context}"
}
return true
