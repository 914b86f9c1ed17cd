from treatywatch.cli.main import run

run()
