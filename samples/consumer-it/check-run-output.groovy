// Post-build check of each consumer project: the runs of the README example (target/<run>.txt, stdout and stderr of
// one JVM each, in the order they ran on one database) printed the README's output. Run n starts from the state the
// runs before it left (fault_tolerance exactly_once, the default): its snapshot holds the totals of n - 1 runs, its
// step adds the same two orders once more, and the query shows n times each total.
// Variables: basedir (the project), runs (the output files the project's build must have written, in run order).
runs.eachWithIndex { name, index ->
    def n = index + 1
    def file = new File(basedir, 'target/' + name)
    assert file.isFile(): "${name} missing"
    def output = file.getText('UTF-8')
    def lines = output.readLines()
    def context = "\n--- ${name} ---\n${output}"
    def total = { String base -> new BigDecimal(base).multiply(BigDecimal.valueOf(n)).setScale(2).toPlainString() }
    def previous = { String base -> new BigDecimal(base).multiply(BigDecimal.valueOf(n - 1)).setScale(2).toPlainString() }
    def snapshot = lines.findAll { it.startsWith("step ${n - 1}: [") }
    if (n == 1) {
        assert snapshot == ['step 0: []']: "no empty snapshot line${context}"
    } else {
        assert snapshot.size() == 1 && snapshot[0].contains("insert Total[customer=ann, total=${previous('12.50')}]")
                && snapshot[0].contains("insert Total[customer=bob, total=${previous('3.00')}]"): "no resumed snapshot${context}"
    }
    def step = lines.findAll { it.startsWith("step ${n}: [") }
    assert step.size() == 1 && step[0].contains("insert Total[customer=ann, total=${total('12.50')}]")
            && step[0].contains("insert Total[customer=bob, total=${total('3.00')}]"): "no step ${n} with ann and bob${context}"
    assert lines.count { it == "[[ann, ${total('12.50')}], [bob, ${total('3.00')}]]" } == 1: "no query result${context}"
}
return true
