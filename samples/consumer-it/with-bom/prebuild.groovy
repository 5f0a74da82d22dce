evaluate(new File(extractScript))
