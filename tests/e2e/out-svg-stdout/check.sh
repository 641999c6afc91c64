if [ -e ./- ]; then echo "'-' was created"; exit 1; fi
