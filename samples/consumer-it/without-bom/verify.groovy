runs = ['run.txt']
evaluate(new File(checkScript))
