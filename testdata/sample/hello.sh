#!/bin/sh
echo "hello from jbuild"
