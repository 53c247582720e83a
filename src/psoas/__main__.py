from psoas.cli.main import main

main()
