runs = ['first-run.txt', 'second-run.txt']
evaluate(new File(checkScript))
