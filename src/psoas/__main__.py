from psoas.cli.app import main

main()
