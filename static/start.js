// Starts the TeaVM-compiled app; a file rather than an inline script because the server's CSP allows only 'self'.
main();
